/**
 * The server built once per jest run, for the tests that start the platform as
 * a child process (test/faults/platform.ts): Node runs the bundle as production
 * does (`npm start`), instead of every start transpiling the server's few hundred
 * modules through tsx again. Built from the working tree at the first request of
 * the run, so it is never older than the code under test.
 */
import fs from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";
import { testRunDir } from "./run-dir";

const ROOT = path.resolve(__dirname, "../..");

/** Where this run's bundles go: inside the repository, so its node_modules resolve. */
export function builtServerDir(runDir: string): string {
  return path.join(ROOT, "dist", "jest-runs", path.basename(runDir));
}

/**
 * The path of this run's built server/main.ts (relative to the repository), or
 * undefined outside a jest run with the global setup: callers then run the
 * TypeScript through tsx. Two files asking at once each build; one rename wins.
 */
export function builtServer(): string | undefined {
  const runDir = testRunDir();
  if (!runDir) return undefined;
  const dir = builtServerDir(runDir);
  const main = path.join(dir, "server", "main.js");
  if (!fs.existsSync(main)) {
    const building = path.join(dir, `server.${process.pid}.tmp`);
    // The options of `npm run build:server` (package.json).
    buildSync({
      entryPoints: [path.join(ROOT, "server", "main.ts")],
      bundle: true,
      platform: "node",
      target: "node20.19",
      format: "cjs",
      packages: "external",
      sourcemap: true,
      outfile: path.join(building, "main.js"),
      logLevel: "warning",
    });
    try {
      fs.renameSync(building, path.dirname(main));
    } catch {
      fs.rmSync(building, { recursive: true, force: true });
    }
  }
  return path.relative(ROOT, main);
}
