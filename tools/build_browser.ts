/**
 * `npm run build:browser`: writes gdnet's browser bundle to
 * dist/browser/gdnet.js (ES module, with a source map). Exits 1, naming the
 * importing file, if anything in it would import a Node built-in.
 */
import * as path from "node:path";
import { BROWSER_OUTFILE, REPO_ROOT, build_browser_bundle } from "./browser_bundle.js";

const result = await build_browser_bundle({ outfile: BROWSER_OUTFILE });
if (result.errors.length > 0) {
  for (const line of result.errors) console.error(`build:browser: ${line}`);
  process.exit(1);
}
console.log(`build:browser: wrote ${path.relative(REPO_ROOT, BROWSER_OUTFILE)} (${(result.code.length / 1024).toFixed(0)} KiB)`);
