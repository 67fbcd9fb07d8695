/**
 * The server and the command-line verbs built once per jest run, for the tests
 * that start them as child processes (test/faults/platform.ts, the CLI tests):
 * Node runs the bundle as production does (`npm start`), instead of every start
 * transpiling a few hundred modules through tsx again. Each is built from the
 * working tree at the first request of the run, so it is never older than the
 * code under test.
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
 * The path (relative to the repository) of this run's build of `entry`, a
 * TypeScript entry point such as "scripts/analyze.ts"; `entry` itself outside a
 * jest run with the global setup, to run through tsx. Two files asking at once
 * each build; one rename wins.
 */
export function builtScript(entry: string): string {
  const runDir = testRunDir();
  if (!runDir) return entry;
  const out = path.join(builtServerDir(runDir), entry.replace(/\.ts$/, ""));
  const main = path.join(out, "main.js");
  if (!fs.existsSync(main)) {
    const building = `${out}.${process.pid}.tmp`;
    // The options of `npm run build:server` (package.json), with the store's thread
    // beside the entry, where server/db/embedded/thread.ts looks for it.
    buildSync({
      entryPoints: {
        main: path.join(ROOT, entry),
        "store-thread": path.join(ROOT, "server/db/embedded/thread-entry.ts"),
      },
      bundle: true,
      platform: "node",
      target: "node20.19",
      format: "cjs",
      packages: "external",
      sourcemap: true,
      outdir: building,
      logLevel: "warning",
    });
    try {
      fs.renameSync(building, out);
    } catch {
      fs.rmSync(building, { recursive: true, force: true });
    }
  }
  return path.relative(ROOT, main);
}

/** This run's build of server/main.ts, or undefined outside a jest run (use tsx then). */
export function builtServer(): string | undefined {
  const built = builtScript("server/main.ts");
  return built.endsWith(".js") ? built : undefined;
}

/** Node's arguments to run `script`: a build on Node alone, TypeScript through tsx. */
export function nodeArgsFor(script: string): string[] {
  return script.endsWith(".js") ? [script] : ["--import", "tsx", script];
}
