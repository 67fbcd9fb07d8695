/**
 * Once per jest run, before any test file: a temporary directory the files share
 * fixtures through (demo stores seeded once, test/helpers/demo-snapshot.ts). The
 * workers inherit the environment set here; test/helpers/global-teardown.ts
 * removes the directory.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RUN_DIR_ENV } from "./run-dir";

/** What the teardown removes, kept on the global object the two share. */
export const RUN_STATE = "__kehilaTestRun";
export interface RunState {
  dir: string;
}

export default async function globalSetup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-jest-run-"));
  const state: RunState = { dir };
  process.env[RUN_DIR_ENV] = dir;
  (globalThis as Record<string, unknown>)[RUN_STATE] = state;
}
