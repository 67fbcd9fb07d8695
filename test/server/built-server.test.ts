import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { builtinModules } from "node:module";
import os from "node:os";
import path from "node:path";

/**
 * Production runs the compiled server with plain `node`: no TypeScript runner at run
 * time, and nothing the built code needs that `npm ci --omit=dev` leaves out.
 */
const ROOT = path.resolve(__dirname, "../..");
const BUILT = path.join(ROOT, "dist", "server", "main.js");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  version: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Every file under `dir` whose name ends in .ts or .tsx. */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

let child: ChildProcess | undefined;
let dataDir: string;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-built-"));
  const build = spawnSync("npm", ["run", "build:server", "--silent"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`build:server failed:\n${build.stdout}${build.stderr}`);
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the production build", () => {
  it("starts with node on the built server, never through tsx", () => {
    expect(pkg.scripts.start).not.toMatch(/\btsx\b/);
    expect(pkg.scripts.start).toMatch(/node .*dist\/server\/main\.js/);
    expect(pkg.scripts.build).toMatch(/build:server/);
    expect(pkg.dependencies.tsx).toBeUndefined();
    expect(pkg.devDependencies.tsx).toBeDefined();
  });

  it("has no server module importing tsx", () => {
    const offenders = sourceFiles(path.join(ROOT, "server")).filter((file) =>
      /from "tsx/.test(fs.readFileSync(file, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("needs only production dependencies and Node's own modules at run time", () => {
    const code = fs.readFileSync(BUILT, "utf8");
    const required = new Set(
      [...code.matchAll(/require\("([^"./][^"]*)"\)/g)].map(([, name]) => {
        const parts = name!.split("/");
        return name!.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
      }),
    );
    const builtins = new Set(builtinModules);
    const missing = [...required].filter(
      (name) => !name.startsWith("node:") && !builtins.has(name) && !pkg.dependencies[name],
    );
    expect(missing).toEqual([]);
  });

  it("answers /api/health when run by node alone", async () => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    delete env.MONGODB_URI; // the embedded store, even in a run against MongoDB
    delete env.NODE_OPTIONS; // no loader slipped in by the test runner
    Object.assign(env, {
      NODE_ENV: "development",
      DATA_DIR: dataDir,
      PORT: "0",
      HOST: "127.0.0.1",
      SEED_DEMO: "never",
      LOG_LEVEL: "silent",
    });
    child = spawn(process.execPath, [BUILT], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    const base = await new Promise<string>((resolve, reject) => {
      let output = "";
      const timer = setTimeout(() => reject(new Error(`not ready:\n${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const found = /running on (http:\/\/\S+)/.exec(output);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      };
      child!.stdout!.on("data", onData);
      child!.stderr!.on("data", onData);
      child!.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`exited with ${code}:\n${output}`));
      });
    });
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", version: pkg.version });
  }, 90_000);
});
