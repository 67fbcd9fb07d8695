/** After the last test file: closes the run's Chromium and removes its directory. */
import fs from "node:fs";
import { builtServerDir } from "./built-server";
import { RUN_STATE, type RunState } from "./global-setup";

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>)[RUN_STATE] as RunState | undefined;
  if (!state) return;
  await state.browser?.close();
  fs.rmSync(state.dir, { recursive: true, force: true });
  fs.rmSync(builtServerDir(state.dir), { recursive: true, force: true });
}
