import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { demoAnswers, startPlatform, submit, type Platform } from "./platform";

/**
 * A full disk under the data directory, made by a preload that fails writes to
 * DATA_DIR with ENOSPC while a flag file exists (see disk-full-preload.ts).
 */
const PRELOAD = path.join(__dirname, "disk-full-preload.ts");

let dir: string;
let dataDir: string;
let flag: string;
let platform: Platform | undefined;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "kp-disk-full-"));
  dataDir = path.join(dir, "data");
  flag = path.join(dir, "disk-is-full");
});
afterEach(async () => {
  if (platform) await platform.child.kill9();
  platform = undefined;
  await fs.rm(dir, { recursive: true, force: true });
});

async function start(): Promise<Platform> {
  platform = await startPlatform(dataDir, {
    env: { KP_FAULT_DISK_FULL: flag },
    // Required, not imported: a worker thread runs the process's --require preloads
    // and not its --import ones, and the store writes from a thread of its own.
    nodeArgs: ["--require", "tsx/cjs", "--require", PRELOAD],
  });
  return platform;
}

it("refuses writes with 507 STORAGE_FULL, keeps stored data, and takes writes again once there is room", async () => {
  const { child, base } = await start();
  const answers = await demoAnswers(base);
  const stored: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    const id = randomUUID();
    expect((await submit(base, id, answers)).status).toBe(201);
    stored.push(id);
  }

  await fs.writeFile(flag, "");
  for (const lang of ["en", "he", "ar"]) {
    const refused = await submit(base, randomUUID(), answers, lang);
    expect(refused.status).toBe(507);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("STORAGE_FULL");
    // A sentence in the resident's language, not the code.
    expect(body.error.message).not.toContain("STORAGE_FULL");
    if (lang === "en") expect(body.error.message).toMatch(/no room/i);
  }
  // Still serving: reads work, and stored responses answer their retries.
  expect((await fetch(`${base}/api/take/demo`)).status).toBe(200);
  expect((await submit(base, stored[0]!, answers)).status).toBe(200);

  await fs.rm(flag);
  const after = randomUUID();
  expect((await submit(base, after, answers)).status).toBe(201);
  stored.push(after);

  // Nothing stored is lost or damaged on disk, the journal's cut-off tail included:
  // a crash now and a restart replay all of it.
  await child.kill9();
  platform = undefined;
  const again = await start();
  const statuses = await Promise.all(
    stored.map(async (id) => (await submit(again.base, id, answers)).status),
  );
  expect(statuses).toEqual(stored.map(() => 200));
}, 60_000);

/**
 * A write the journal could not take is undone in memory, so a retry once there
 * is room stores the submission (201) rather than meeting an unjournaled copy of
 * itself and being told it was stored before (200).
 */
it("stores a refused submission when it is retried once there is room", async () => {
  const { base } = await start();
  const answers = await demoAnswers(base);
  await fs.writeFile(flag, "");
  const id = randomUUID();
  expect((await submit(base, id, answers)).status).toBe(507);
  await fs.rm(flag);
  // The respondent page keeps the answers until acknowledged and sends them again:
  // that is the first time they are stored (201), not a copy already there (200).
  expect((await submit(base, id, answers)).status).toBe(201);
}, 60_000);
