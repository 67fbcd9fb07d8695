import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { demoAnswers, startPlatform } from "../faults/platform";

/*
 * The platform itself (server/main.ts) on the embedded store, killed with
 * SIGKILL while residents submit. This test is about the embedded store's
 * journal, so it runs on the embedded store even when MONGODB_URI is set.
 */

async function post(base: string, body: unknown): Promise<Response> {
  return fetch(`${base}/api/take/demo/responses`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

it("keeps every response acknowledged to a browser after kill -9 and restart", async () => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "kp-crash-"));
  try {
    let { child, base } = await startPlatform(dataDir);
    const answers = await demoAnswers(base);

    const acknowledged: string[] = [];
    const residents = Array.from({ length: 8 }, async () => {
      for (;;) {
        const submissionId = randomUUID();
        try {
          const res = await post(base, { locale: "he", submissionId, answers });
          if (res.status !== 201) return;
          acknowledged.push(submissionId);
        } catch {
          return; // the server is gone
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await child.kill9();
    await Promise.all(residents);
    expect(acknowledged.length).toBeGreaterThan(10);

    ({ child, base } = await startPlatform(dataDir));
    try {
      // A stored submission answers a retry with 200 and its first id instead of storing a copy.
      const statuses = await Promise.all(
        acknowledged.map(
          async (submissionId) =>
            (await post(base, { locale: "he", submissionId, answers })).status,
        ),
      );
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
    } finally {
      // SIGTERM is a clean stop: requests finish, the store is flushed, the exit code is 0.
      const exited = new Promise((resolve) => child.process.once("exit", resolve));
      child.process.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}, 120_000);
