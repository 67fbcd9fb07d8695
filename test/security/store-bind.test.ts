/**
 * Issue 16, finding 2: `npm run db -- --host 0.0.0.0` exposed the store to the
 * network without a word. Binding beyond loopback is refused unless an explicit
 * flag says so (authentication is always on), with a message naming the flag.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { MongoClient } from "mongodb";
import { startEmbeddedServer } from "../../server/db/embedded";
import { startChild } from "../helpers/process";
import { builtScript, nodeArgsFor } from "../helpers/built-server";

const ROOT = path.resolve(__dirname, "../..");
let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "kp-store-bind-"));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

it("refuses an address beyond loopback unless allowed, and takes loopback ones", async () => {
  for (const host of ["0.0.0.0", "::"]) {
    await expect(startEmbeddedServer({ dbPath: dir, host })).rejects.toThrow(/--allow-remote/);
  }
  // The refusal left the directory free.
  for (const host of ["127.0.0.1", "localhost"]) {
    const server = await startEmbeddedServer({ dbPath: dir, host });
    await server.close();
  }
});

it("binds everywhere when allowed, still asking every client for the credential", async () => {
  const server = await startEmbeddedServer({ dbPath: dir, host: "0.0.0.0", allowRemote: true });
  try {
    const anonymous = await MongoClient.connect(
      `mongodb://127.0.0.1:${server.port}/?directConnection=true`,
    );
    await expect(anonymous.db("d").collection("c").findOne({})).rejects.toMatchObject({
      code: 13,
    });
    await anonymous.close();
  } finally {
    await server.close();
  }
});

it("npm run db -- --host 0.0.0.0 stops with a clear message", () => {
  const run = spawnSync(
    process.execPath,
    [
      ...nodeArgsFor(builtScript("scripts/db.ts")),
      "--host",
      "0.0.0.0",
      "--port",
      "0",
      "--dbpath",
      dir,
    ],
    { cwd: ROOT, encoding: "utf8", env: { ...process.env, LOG_LEVEL: "silent" }, timeout: 60_000 },
  );
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/--allow-remote/);
  expect(run.stdout).toBe("");
});

it("npm run db prints the address with the credential, and where the credential file is", async () => {
  const { child } = await startChild(
    builtScript("scripts/db.ts"),
    ["--port", "0", "--dbpath", dir],
    { LOG_LEVEL: "silent" },
    /Ctrl-C stops it/,
  );
  try {
    const uri = child.output().match(/^(mongodb:\/\/\S+)$/m)?.[1];
    expect(uri).toMatch(/^mongodb:\/\/[^:]+:[^@]+@/);
    const client = await MongoClient.connect(uri!);
    expect(await client.db("d").collection("c").countDocuments()).toBe(0);
    await client.close();
    expect(child.output()).toContain(path.join(dir, "store-credential.json"));
  } finally {
    await child.kill9();
  }
});
