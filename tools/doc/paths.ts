/** Where the doc tools read and write, relative to the repository root. */
import { fileURLToPath } from "node:url";
import { join } from "node:path";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const DOC_DIR = join(REPO_ROOT, "doc_classes");
export const SRC_DIR = join(REPO_ROOT, "src");
/** Generated typings (committed). */
export const GEN_DIR = join(REPO_ROOT, "src", "gen");
/** Generated Markdown class reference (committed). */
export const MD_DIR = join(REPO_ROOT, "docs", "classes");
