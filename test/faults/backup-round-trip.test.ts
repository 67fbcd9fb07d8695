import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { BSON, EJSON, type Document } from "bson";
import { MongoClient } from "mongodb";
import { loadConfig } from "../../server/config";
import { startEmbeddedServer } from "../../server/db/embedded";
import { readOrCreateDevSecrets } from "../../server/secrets/secrets-file";
import type { Child } from "../helpers/process";
import { demoAnswers, startPlatform, submit, terminate } from "./platform";
import { builtScript, nodeArgsFor } from "../helpers/built-server";

const ROOT = path.resolve(__dirname, "../..");

/** Runs the `npm run backup` verb (scripts/backup.ts) against the store in `dataDir`. */
function backupVerb(dataDir: string, args: string[]): string {
  const { MONGODB_URI: _embeddedOnly, ...env } = process.env;
  const run = spawnSync(
    process.execPath,
    [...nodeArgsFor(builtScript("scripts/backup.ts")), ...args],
    {
      cwd: ROOT,
      env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: "silent" },
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  if (run.status !== 0) throw new Error(`backup ${args.join(" ")} failed:\n${run.stderr}`);
  return run.stdout;
}

/** A backup file's collections: their indexes and documents, as canonical extended JSON. */
async function contents(
  file: string,
): Promise<Record<string, { indexes: string; docs: string[] }>> {
  const data = zlib.gunzipSync(await fs.readFile(file));
  const out: Record<string, { indexes: string; docs: string[] }> = {};
  let current: string | undefined;
  for (let offset = 0; offset < data.length;) {
    const size = data.readInt32LE(offset);
    const record: Document = BSON.deserialize(data.subarray(offset, offset + size), {
      promoteValues: false,
    });
    offset += size;
    if (typeof record.collection === "string") {
      current = record.collection;
      out[current] = { indexes: EJSON.stringify(record.indexes), docs: [] };
    } else if (record.d && current) {
      out[current]!.docs.push(EJSON.stringify(record.d, { relaxed: false }));
    }
  }
  for (const c of Object.values(out)) c.docs.sort();
  return out;
}

/** The same view of a data directory's database, read through the driver in-process. */
async function storedContents(
  dataDir: string,
): Promise<Record<string, { indexes: string; docs: string[] }>> {
  const server = await startEmbeddedServer({ dbPath: dataDir });
  const client = await MongoClient.connect(server.uri);
  try {
    const db = client.db("kehila");
    const out: Record<string, { indexes: string; docs: string[] }> = {};
    for (const info of await db.listCollections().toArray()) {
      const c = db.collection(info.name);
      const indexes = (await c.indexes()).filter((i) => i.name !== "_id_");
      const docs = await c.find({}, { promoteValues: false }).toArray();
      out[info.name] = {
        indexes: EJSON.stringify(indexes),
        docs: docs.map((d) => EJSON.stringify(d, { relaxed: false })).sort(),
      };
    }
    return out;
  } finally {
    await client.close();
    await server.close();
  }
}

it("backs up the running platform with the verb and restores all of it into an empty store", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "kp-backup-trip-"));
  const [source, target] = [path.join(dir, "source"), path.join(dir, "target")];
  const file = path.join(dir, "platform.kpbak");
  const started: Child[] = [];
  try {
    // A platform in use: the demo program, residents' responses, a signed-in admin.
    const a = await startPlatform(source);
    started.push(a.child);
    const answers = await demoAnswers(a.base);
    const ids = Array.from({ length: 20 }, () => randomUUID());
    for (const id of ids) expect((await submit(a.base, id, answers)).status).toBe(201);
    // The admin password the platform generated for its data directory at first start.
    const { admin } = loadConfig(
      { NODE_ENV: "development", DATA_DIR: source },
      { devSecrets: readOrCreateDevSecrets },
    );
    const login = await fetch(`${a.base}/api/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");

    // Backed up while it runs (the verb finds the store's port in its lock file).
    expect(backupVerb(source, ["--out", file])).toMatch(/Backed up \d+ documents/);
    expect(await terminate(a.child)).toBe(0);

    // Restored into an empty data directory: the same collections, indexes and documents.
    expect(backupVerb(target, ["--restore", file])).toMatch(/Restored \d+ documents/);
    const [before, after] = [await contents(file), await storedContents(target)];
    expect(Object.keys(before).length).toBeGreaterThan(5);
    expect(after).toEqual(before);

    // And the platform on it works as before: responses known, the session still valid.
    const b = await startPlatform(target);
    started.push(b.child);
    const statuses = await Promise.all(
      ids.map(async (id) => (await submit(b.base, id, answers)).status),
    );
    expect(statuses).toEqual(ids.map(() => 200));
    const session = await fetch(`${b.base}/api/auth/session`, { headers: { Cookie: cookie } });
    expect(session.status).toBe(200);
    expect(((await session.json()) as { user: { email: string } }).user.email).toBe(admin.email);
    expect(await terminate(b.child)).toBe(0);
  } finally {
    for (const child of started) await child.kill9();
    await fs.rm(dir, { recursive: true, force: true });
  }
}, 90_000);
