/**
 * Once per jest run, before any test file: a temporary directory the files share
 * fixtures through (demo stores seeded once, test/helpers/demo-snapshot.ts; the
 * server built once, test/helpers/built-server.ts), and, when browser tests may
 * run, one Chromium they all connect to instead of each launching its own (a
 * launch costs a second or two of both cores). The workers inherit the
 * environment set here; test/helpers/global-teardown.ts removes both.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BrowserServer } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath } from "./chromium";
import { BROWSER_WS_ENV, RUN_DIR_ENV } from "./run-dir";

/** What the teardown closes, kept on the global object the two share. */
export const RUN_STATE = "__kehilaTestRun";
export interface RunState {
  dir: string;
  browser?: BrowserServer;
}

/** Whether this run may include a browser test: no path pattern, or one naming them. */
function mayRunBrowserTests(globalConfig: { testPathPatterns?: { patterns?: string[] } }) {
  const patterns = globalConfig.testPathPatterns?.patterns ?? [];
  return patterns.length === 0 || patterns.some((p) => /browser/.test(p));
}

export default async function globalSetup(globalConfig: {
  testPathPatterns?: { patterns?: string[] };
}): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-jest-run-"));
  const state: RunState = { dir };
  process.env[RUN_DIR_ENV] = dir;
  const executablePath = chromiumPath();
  if (executablePath && mayRunBrowserTests(globalConfig)) {
    try {
      // Loaded here, not at the top: a run of other files never needs playwright.
      const { chromium } = await import("playwright-core");
      state.browser = await chromium.launchServer({ executablePath, args: CHROMIUM_ARGS });
      process.env[BROWSER_WS_ENV] = state.browser.wsEndpoint();
    } catch (err) {
      // Not a reason to fail the other tests: each browser test file launches its own.
      console.warn(`Chromium did not start for the run (${String(err)})`);
    }
  }
  (globalThis as Record<string, unknown>)[RUN_STATE] = state;
}
