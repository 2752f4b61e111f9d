/** `npm run doc:compare -- <seed-xml> <our-xml>`: lists every API difference; exits 1 when there is any. */
import { format_diagnostic } from "./doc/diagnostics.js";
import { compare_seed } from "./doc/seed_compare.js";

const [seed, ours, ...rest] = process.argv.slice(2);
if (seed === undefined || ours === undefined || rest.length > 0) {
  process.stderr.write("usage: npm run doc:compare -- <seed-xml> <our-xml>\n");
  process.exitCode = 2;
} else {
  const { diagnostics, differences } = compare_seed(seed, ours);
  for (const d of diagnostics) process.stderr.write(`${format_diagnostic(d)}\n`);
  for (const line of differences) process.stdout.write(`${line}\n`);
  if (diagnostics.length === 0) process.stdout.write(`${differences.length} API difference(s)\n`);
  process.exitCode = diagnostics.length > 0 || differences.length > 0 ? 1 : 0;
}
