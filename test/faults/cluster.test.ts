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
    /**
     * Sends n new answers the way the respondent page does: a request that fails on
     * the network (a connection kept alive to the killed process) is sent again with
     * the same submission id. Every answer ends acknowledged, none with an error
     * status; returns how many needed a second try.
     */
    const send = async (n: number) => {
      const results = await Promise.all(
        Array.from({ length: n }, async () => {
          const id = randomUUID();
          for (let attempt = 0; attempt < 5; attempt += 1) {
            try {
              // A page gives up on a request that hangs: a connection the first process
              // handed to the killed one as it died is never answered.
              const signal = AbortSignal.timeout(5_000);
              return {
                id,
                attempt,
                status: (await submit(base, id, answers, "he", signal)).status,
              };
            } catch {
              await new Promise((resolve) => setTimeout(resolve, 200));
            }
          }
          return { id, attempt: 5, status: 0 };
        }),
      );
      // 200 "stored before" is right for a retry whose first try was stored.
      expect(
        results.filter((r) => !(r.status === 201 || (r.status === 200 && r.attempt > 0))),
      ).toEqual([]);
      ids.push(...results.map((r) => r.id));
      return results.filter((r) => r.attempt > 0).length;
    };
    expect(await send(40)).toBe(0);

    process.kill(workers[0]!, "SIGKILL");
    await until(() => !fs.existsSync(`/proc/${workers[0]}`)); // gone, and its exit seen
    await send(40); // the other process answers meanwhile
    await until(() => childrenOf(primary).length === 2);
    expect(childrenOf(primary)).not.toContain(workers[0]);
    await send(40);

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
