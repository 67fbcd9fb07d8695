/**
 * Issue 16, finding 3 (the seen case): a data directory seeded in development and
 * restarted with NODE_ENV=production and new secrets. Production must refuse it (the
 * development admin password and the demo accounts would sign in), must never seed the
 * demo, and on a fresh store the admin signs in with the configured ADMIN_PASSWORD.
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEV_SECRETS_FILE } from "../../server/secrets/secrets-file";
import { builtServer } from "../helpers/built-server";
import { startChild, type Child } from "../helpers/process";
import { startPlatform, terminate } from "../faults/platform";

const ROOT = path.resolve(__dirname, "../..");
const ADMIN_EMAIL = "security-officer@authority.example";
const ADMIN_PASSWORD = "lemon Orbit 7 quietly folds maps";

/** What a production operator sets: strong, distinct secrets and a strong admin password. */
const productionEnv = (dataDir: string): Record<string, string | undefined> => ({
  NODE_ENV: "production",
  DATA_DIR: dataDir,
  MONGODB_URI: undefined,
  PORT: "0",
  HOST: "127.0.0.1",
  LOG_LEVEL: "info",
  SEED_DEMO: "auto",
  SESSION_SECRET: crypto.randomBytes(36).toString("base64"),
  DATA_ENCRYPTION_KEY: `k1:${crypto.randomBytes(32).toString("base64")}`,
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
});

/** server/main.ts as this run built it (test/helpers/built-server.ts), or the TypeScript. */
const serverMain = () => builtServer() ?? "server/main.ts";

/**
 * Runs `script` (the server by default) expecting it to refuse: its exit code and
 * output. A built script runs on Node alone, TypeScript through tsx.
 */
function refusedStart(
  env: Record<string, string | undefined>,
  script = serverMain(),
): {
  status: number | null;
  output: string;
} {
  const loader = script.endsWith(".js") ? [] : ["--import", "tsx"];
  const run = spawnSync(process.execPath, [...loader, script], {
    cwd: ROOT,
    env: Object.fromEntries(
      Object.entries({ ...process.env, ...env }).filter(
        (e): e is [string, string] => e[1] !== undefined,
      ),
    ),
    encoding: "utf8",
    // A server that starts instead of refusing is killed outright, so the test fails.
    timeout: 60_000,
    killSignal: "SIGKILL",
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

async function login(base: string, email: string, password: string): Promise<number> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  return res.status;
}

let dir: string;
const started: Child[] = [];
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-fail-closed-start-"));
});
afterAll(async () => {
  for (const child of started) await child.kill9();
  fs.rmSync(dir, { recursive: true, force: true });
});

it("development: prints generated passwords that sign in, and a restart keeps them", async () => {
  const dataDir = path.join(dir, "dev");
  const first = await startPlatform(dataDir);
  started.push(first.child);
  const printed = first.child.output();
  const admin = /admin \(ADMIN_EMAIL \/ ADMIN_PASSWORD\): (\S+) \/ (\S+)/.exec(printed);
  const demo = /demo accounts, password "([^"]+)"/.exec(printed);
  expect(admin).not.toBeNull();
  expect(demo).not.toBeNull();
  expect(printed).toContain("researcher@demo.kehila-pulse.test");
  expect(await login(first.base, admin![1]!, admin![2]!)).toBe(200);
  expect(await login(first.base, "researcher@demo.kehila-pulse.test", demo![1]!)).toBe(200);
  expect(fs.statSync(path.join(dataDir, DEV_SECRETS_FILE)).mode & 0o777).toBe(0o600);
  expect(await terminate(first.child)).toBe(0);

  const second = await startPlatform(dataDir);
  started.push(second.child);
  expect(second.child.output()).toContain(`${admin![1]} / ${admin![2]}`);
  expect(second.child.output()).toContain(`password "${demo![1]}"`);
  expect(await login(second.base, admin![1]!, admin![2]!)).toBe(200);
  expect(await terminate(second.child)).toBe(0);
}, 120_000);

it("production refuses a data directory seeded in development, saying what to do", async () => {
  const dataDir = path.join(dir, "dev");
  const refused = refusedStart(productionEnv(dataDir));
  expect(refused.status).toBe(1);
  expect(refused.output).toMatch(/DATA_DIR/);
  expect(refused.output).not.toMatch(/listening/);

  // The same store without the development secrets file (copied, or behind MONGODB_URI):
  // the demo accounts in it still keep production from starting.
  fs.rmSync(path.join(dataDir, DEV_SECRETS_FILE));
  const again = refusedStart(productionEnv(dataDir));
  expect(again.status).toBe(1);
  expect(again.output).toMatch(/demo/);
  expect(again.output).not.toMatch(/listening/);
}, 120_000);

it("production on a fresh store: no demo, and the admin is the configured one", async () => {
  const dataDir = path.join(dir, "prod");
  const { child, match } = await startChild(
    serverMain(),
    [],
    productionEnv(dataDir),
    /"port":(\d+)[^\n]*"msg":"listening"/,
  );
  started.push(child);
  const base = `http://127.0.0.1:${match[1]}`;
  expect(child.output()).not.toMatch(/demo accounts|Demo survey/);
  expect(fs.existsSync(path.join(dataDir, DEV_SECRETS_FILE))).toBe(false);
  expect((await fetch(`${base}/api/take/demo?lang=he`)).status).toBe(404);
  expect(await login(base, "researcher@demo.kehila-pulse.test", "demo-pulse-2026")).toBe(401);
  expect(await login(base, ADMIN_EMAIL, ADMIN_PASSWORD)).toBe(200);
  expect(await terminate(child)).toBe(0);
}, 120_000);

it("`npm run seed` refuses production and leaves its store untouched", () => {
  const dataDir = path.join(dir, "seed");
  const refused = refusedStart(productionEnv(dataDir), "scripts/seed.ts");
  expect(refused.status).toBe(1);
  expect(refused.output).toMatch(/Refusing to seed the demo in production/);
  expect(fs.existsSync(dataDir)).toBe(false);
}, 120_000);
