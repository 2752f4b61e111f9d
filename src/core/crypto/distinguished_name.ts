/**
 * Turns the engine's distinguished-name strings ("CN=myserver,O=myorganisation,C=IT",
 * the form mbedTLS's x509_string_to_names reads) into an X.509 Name, and back
 * into text. RDNs keep the string's order; `\,` and `\=` escape separators.
 * String types follow mbedTLS: PrintableString for C and serialNumber,
 * IA5String for emailAddress and DC, UTF8String otherwise.
 */
import { AttributeTypeAndValue, AttributeValue, Name, RelativeDistinguishedName } from "@peculiar/asn1-x509";

type StringKind = "utf8String" | "printableString" | "ia5String";

/** Short names (case-insensitive) → attribute OID and string kind. */
const ATTRIBUTES: Record<string, { oid: string; kind: StringKind }> = {
  cn: { oid: "2.5.4.3", kind: "utf8String" },
  commonname: { oid: "2.5.4.3", kind: "utf8String" },
  c: { oid: "2.5.4.6", kind: "printableString" },
  countryname: { oid: "2.5.4.6", kind: "printableString" },
  o: { oid: "2.5.4.10", kind: "utf8String" },
  organizationname: { oid: "2.5.4.10", kind: "utf8String" },
  ou: { oid: "2.5.4.11", kind: "utf8String" },
  organizationalunitname: { oid: "2.5.4.11", kind: "utf8String" },
  l: { oid: "2.5.4.7", kind: "utf8String" },
  locality: { oid: "2.5.4.7", kind: "utf8String" },
  st: { oid: "2.5.4.8", kind: "utf8String" },
  stateorprovincename: { oid: "2.5.4.8", kind: "utf8String" },
  street: { oid: "2.5.4.9", kind: "utf8String" },
  serialnumber: { oid: "2.5.4.5", kind: "printableString" },
  title: { oid: "2.5.4.12", kind: "utf8String" },
  sn: { oid: "2.5.4.4", kind: "utf8String" },
  surname: { oid: "2.5.4.4", kind: "utf8String" },
  gn: { oid: "2.5.4.42", kind: "utf8String" },
  givenname: { oid: "2.5.4.42", kind: "utf8String" },
  initials: { oid: "2.5.4.43", kind: "utf8String" },
  pseudonym: { oid: "2.5.4.65", kind: "utf8String" },
  generationqualifier: { oid: "2.5.4.44", kind: "utf8String" },
  postalcode: { oid: "2.5.4.17", kind: "utf8String" },
  dnqualifier: { oid: "2.5.4.46", kind: "printableString" },
  emailaddress: { oid: "1.2.840.113549.1.9.1", kind: "ia5String" },
  dc: { oid: "0.9.2342.19200300.100.1.25", kind: "ia5String" },
  domaincomponent: { oid: "0.9.2342.19200300.100.1.25", kind: "ia5String" },
  uid: { oid: "0.9.2342.19200300.100.1.1", kind: "utf8String" },
};

/** Removes backslash escapes; null when the text ends in a lone backslash. */
function unescape(text: string): string | null {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (c !== "\\") {
      out += c;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) return null;
    out += next;
    i++;
  }
  return out;
}

/** The Name for `text`, or an error message describing what is wrong with it. */
export function parse_distinguished_name(text: string): Name | string {
  if (text.trim() === "") return "The distinguished name is empty.";
  // Split on unescaped commas first, keeping escapes for the `=` split.
  const rdns: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (c === "\\" && i + 1 < text.length) {
      current += c + (text[i + 1] ?? "");
      i++;
    } else if (c === ",") {
      rdns.push(current);
      current = "";
    } else {
      current += c;
    }
  }
  rdns.push(current);

  const name = new Name();
  for (const rdn of rdns) {
    const eq = rdn.search(/(?<!\\)=/);
    if (eq < 0) return `Missing '=' in '${rdn.trim()}'.`;
    const key = rdn.slice(0, eq).trim();
    const value = unescape(rdn.slice(eq + 1));
    const attribute = ATTRIBUTES[key.toLowerCase()];
    if (attribute === undefined) return `Unknown attribute '${key}'.`;
    if (value === null) return `Dangling escape in '${rdn.trim()}'.`;
    if (value === "") return `Empty value for '${key}'.`;
    if (attribute.kind === "printableString" && !/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value)) {
      return `'${key}' must be printable ASCII.`;
    }
    if (attribute.kind === "ia5String" && !/^[\x00-\x7f]*$/.test(value)) return `'${key}' must be ASCII.`;
    const av = new AttributeValue({ [attribute.kind]: value });
    name.push(new RelativeDistinguishedName([new AttributeTypeAndValue({ type: attribute.oid, value: av })]));
  }
  return name;
}
