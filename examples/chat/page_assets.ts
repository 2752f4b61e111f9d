/**
 * The files the chat page needs, made when the server starts (so a fresh
 * clone needs no build step): gdnet's browser bundle (`/gdnet.js`, the same
 * build as `npm run build:browser`) and the page's own script
 * (`/chat_page.js`, which imports `/gdnet.js`), both built in memory with
 * esbuild; index.html is read from examples/chat/page/.
 */
import { readFile } from "node:fs/promises";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { build_browser_bundle } from "../../tools/browser_bundle.js";

const PAGE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "page");

export interface PageAsset {
  content_type: string;
  body: Uint8Array;
}

export interface PageAssets {
  /** URL path → file. */
  files: Map<string, PageAsset>;
  /** Why something could not be built (the server still runs; the page shows these). */
  errors: string[];
}

const JS = "text/javascript; charset=utf-8";
const utf8 = new TextEncoder();

export async function build_page_assets(): Promise<PageAssets> {
  const files = new Map<string, PageAsset>();
  const errors: string[] = [];
  const [gdnet, page_script] = await Promise.all([
    build_browser_bundle(),
    build_browser_bundle({ entry: path.join(PAGE_DIR, "chat_page.ts"), gdnet_url: "/gdnet.js" }),
  ]);
  for (const [url, result] of [["/gdnet.js", gdnet], ["/chat_page.js", page_script]] as const) {
    if (result.errors.length > 0) errors.push(...result.errors.map((e) => `${url}: ${e}`));
    else files.set(url, { content_type: JS, body: utf8.encode(result.code) });
  }
  try {
    const html = await readFile(path.join(PAGE_DIR, "index.html"));
    files.set("/", { content_type: "text/html; charset=utf-8", body: new Uint8Array(html) });
  } catch (e) {
    errors.push(`index.html: ${(e as Error).message}`);
  }
  return { files, errors };
}
