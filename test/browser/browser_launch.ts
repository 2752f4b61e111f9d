/**
 * Finds Debian's Chromium and playwright-core and launches a headless
 * browser with the flags this machine needs. No browser is ever downloaded:
 * `.ci/run` installs the `chromium` package when /usr/bin/chromium is missing.
 */
import { accessSync, constants } from "node:fs";
import type { Browser } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// The machine's network is closed: without these, Chromium keeps trying to
// reach Google's hosts, which slows starts and fills the log with refusals.
const CHROMIUM_ARGS = [
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface BrowserDeps {
  /** Why the browser test cannot run, or null when it can. */
  missing: string | null;
  /** True when Chromium itself is absent (the only case a local run may skip). */
  chromium_absent: boolean;
  launch: (() => Promise<Browser>) | null;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function find_browser_deps(): Promise<BrowserDeps> {
  const problems: string[] = [];
  const chromium_absent = !executable(CHROMIUM_PATH);
  if (chromium_absent) {
    problems.push(`Chromium not found at ${CHROMIUM_PATH} (install Debian's package: apt-get install -y chromium; or set CHROMIUM_PATH)`);
  }
  let pw: typeof import("playwright-core") | null = null;
  try {
    pw = await import("playwright-core");
  } catch (e) {
    problems.push(`playwright-core cannot be loaded (npm ci installs it as a devDependency): ${(e as Error).message}`);
  }
  const missing = problems.length > 0 ? problems.join("; ") : null;
  const chromium = pw?.chromium;
  const launch =
    missing === null && chromium
      ? () =>
          // playwright gives every launch a fresh temporary --user-data-dir and
          // adds --headless and --no-sandbox (chromiumSandbox defaults to false).
          chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: 120_000 })
      : null;
  return { missing, chromium_absent, launch };
}
