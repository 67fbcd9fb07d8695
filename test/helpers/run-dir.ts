/**
 * What one jest run shares between its test files (set up by
 * test/helpers/global-setup.ts, read here): a temporary directory for fixtures
 * built once per run. It may be missing (a runner without the global setup):
 * the helpers then do the work themselves, as they did before.
 */
import os from "node:os";

/** The environment variable the global setup passes to the workers. */
export const RUN_DIR_ENV = "KP_TEST_RUN_DIR";

/** This run's shared temporary directory, when the global setup made one. */
export function testRunDir(): string | undefined {
  const dir = process.env[RUN_DIR_ENV];
  return dir && dir.startsWith(os.tmpdir()) ? dir : undefined;
}
