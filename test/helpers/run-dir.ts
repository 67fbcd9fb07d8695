/**
 * What one jest run shares between its test files (set up by test/helpers/global-setup.ts,
 * read here): a temporary directory for fixtures built once per run, and the
 * address of one Chromium every browser test file connects to. Either may be
 * missing (a runner without the global setup, or a run with no browser test):
 * the helpers then do the work themselves, as they did before.
 */
import os from "node:os";

/** The environment variables the global setup passes to the workers. */
export const RUN_DIR_ENV = "KP_TEST_RUN_DIR";
export const BROWSER_WS_ENV = "KP_TEST_BROWSER_WS";

/** This run's shared temporary directory, when the global setup made one. */
export function testRunDir(): string | undefined {
  const dir = process.env[RUN_DIR_ENV];
  return dir && dir.startsWith(os.tmpdir()) ? dir : undefined;
}

/** The address of this run's shared Chromium, when the global setup launched one. */
export function sharedBrowserEndpoint(): string | undefined {
  return process.env[BROWSER_WS_ENV] || undefined;
}
