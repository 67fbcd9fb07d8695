/**
 * WORKERS=2: two HTTP processes share the port and the first process's store.
 * Both answer; one killed with SIGKILL is replaced while the other goes on
 * serving, and what was acknowledged before and after is stored once.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { demoAnswers, startPlatform, submit, terminate } from "./platform";
import { childrenOf } from "../helpers/process";

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it("serves from two processes, replaces one that dies, and stores every acknowledged answer", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-cluster-"));
  const { child, base } = await startPlatform(dataDir, { env: { WORKERS: "2" } });
  try {
    const primary = child.process.pid!;
    const workers = childrenOf(primary);
    expect(workers).toHaveLength(2);
    const answers = await demoAnswers(base);
    const ids: string[] = [];
    /** Sends n new answers; returns how many were acknowledged. A connection to the
     * killed process (kept alive from before) fails, as a resident's page would see
     * and retry; no answer ever gets an error status. */
    const send = async (n: number) => {
      const results = await Promise.all(
        Array.from({ length: n }, async () => {
          const id = randomUUID();
          try {
            return { id, status: (await submit(base, id, answers)).status };
          } catch {
            return { id, status: 0 };
          }
        }),
      );
      expect(results.filter((r) => r.status !== 201 && r.status !== 0)).toEqual([]);
      const acknowledged = results.filter((r) => r.status === 201).map((r) => r.id);
      ids.push(...acknowledged);
      return acknowledged.length;
    };
    expect(await send(40)).toBe(40);

    process.kill(workers[0]!, "SIGKILL");
    await until(() => !childrenOf(primary).includes(workers[0]!));
    expect(await send(40)).toBeGreaterThanOrEqual(30); // the other process answers meanwhile
    await until(() => childrenOf(primary).length === 2);
    expect(childrenOf(primary)).not.toContain(workers[0]);
    expect(await send(40)).toBeGreaterThanOrEqual(30);

    // Each acknowledged submission is stored: sending it again is "stored before" (200).
    const again = await Promise.all(
      ids.map(async (id) => (await submit(base, id, answers)).status),
    );
    expect(again.filter((s) => s !== 200)).toEqual([]);
  } finally {
    expect(await terminate(child)).toBe(0);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
