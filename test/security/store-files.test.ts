/**
 * Issue 16, finding 2: the data directory was 0755 and the journal 0644, so
 * every account on the machine could read residents' answers from disk. The
 * directory must be 0700 and every file the store writes 0600, a directory
 * made by an older version included.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { MongoClient } from "mongodb";
import { backupDatabase } from "../../server/db/backup";
import { startEmbeddedServer } from "../../server/db/embedded";

const modeOf = async (file: string) => (await fs.stat(file)).mode & 0o777;

/** Every file in `dir` with its permission bits. */
async function modes(dir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of await fs.readdir(dir)) out[name] = await modeOf(path.join(dir, name));
  return out;
}

let parent: string;
beforeEach(async () => {
  parent = await fs.mkdtemp(path.join(os.tmpdir(), "kp-store-files-"));
});
afterEach(() => fs.rm(parent, { recursive: true, force: true }));

/** Starts a server on `dir`, writes a document, compacts it into a snapshot and stops. */
async function writeAndCompact(dir: string, check?: () => Promise<void>): Promise<void> {
  const server = await startEmbeddedServer({ dbPath: dir, compactAtBytes: 1 });
  const client = await MongoClient.connect(server.uri);
  await client.db("kehila").collection("responses").insertOne({ answer: "private" });
  await client.close();
  // The compaction runs beside the writes; its temporary snapshot is renamed away when it ends.
  await server.flush();
  await check?.();
  await server.close();
}

it("creates the data directory 0700 and every file 0600, whatever the umask", async () => {
  const dir = path.join(parent, "data");
  const umask = process.umask(0o022);
  try {
    await writeAndCompact(dir, async () => {
      expect(await modeOf(dir)).toBe(0o700);
      const live = await modes(dir);
      // The lock file (with the port), the credential, the server's keys and the journal.
      expect(Object.keys(live).length).toBeGreaterThanOrEqual(4);
      for (const [name, mode] of Object.entries(live)) expect([name, mode]).toEqual([name, 0o600]);
    });
  } finally {
    process.umask(umask);
  }
  const after = await modes(dir);
  expect(Object.keys(after)).toEqual(expect.arrayContaining(["snapshot.kpj", "journal.kpj"]));
  for (const [name, mode] of Object.entries(after)) expect([name, mode]).toEqual([name, 0o600]);
});

it("tightens the directory and files an older version left open", async () => {
  const dir = path.join(parent, "old");
  await writeAndCompact(dir);
  await fs.chmod(dir, 0o755);
  for (const name of await fs.readdir(dir)) await fs.chmod(path.join(dir, name), 0o644);

  const server = await startEmbeddedServer({ dbPath: dir });
  try {
    expect(await modeOf(dir)).toBe(0o700);
    for (const [name, mode] of Object.entries(await modes(dir)))
      expect([name, mode]).toEqual([name, 0o600]);
  } finally {
    await server.close();
  }
});

it("writes a backup file 0600: it holds the answers and the password hashes", async () => {
  const dir = path.join(parent, "backed-up");
  const server = await startEmbeddedServer({ dbPath: dir });
  const client = await MongoClient.connect(server.uri);
  try {
    await client.db("kehila").collection("users").insertOne({ passwordHash: "scrypt$..." });
    const file = path.join(parent, "backup.kpbak");
    await backupDatabase(client.db("kehila"), file);
    expect(await modeOf(file)).toBe(0o600);
  } finally {
    await client.close();
    await server.close();
  }
});
