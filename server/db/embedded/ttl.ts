import type { Logger } from "pino";
import type { Engine } from "./engine";
import { compileFilter } from "./query";
import { keyString } from "./values";

/**
 * Deletes documents whose TTL index date is older than `expireAfterSeconds`,
 * as MongoDB's TTL monitor does (every 60 seconds by default). A document whose
 * field is not a date, or holds no date in an array, never expires.
 */
export async function expireDocuments(engine: Engine, now = new Date()): Promise<number> {
  let removed = 0;
  for (const db of engine.databases()) {
    for (const collection of engine.collections(db)) {
      for (const index of collection.indexes.values()) {
        const seconds = index.spec.expireAfterSeconds;
        if (typeof seconds !== "number" || index.fields.length !== 1) continue;
        const cutoff = new Date(now.getTime() - seconds * 1000);
        const filter = { [index.fields[0]!]: { $lt: cutoff } };
        const query = compileFilter(filter);
        const expired = collection.candidates(filter).docs.filter((d) => query.test(d));
        if (expired.length === 0) continue;
        await engine.write((w) => {
          for (const doc of expired) w.remove(collection, keyString(doc._id));
        });
        removed += expired.length;
      }
    }
  }
  return removed;
}

/** Runs {@link expireDocuments} on an interval until stopped. */
export function startTtlMonitor(engine: Engine, intervalMs: number, logger?: Logger): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    expireDocuments(engine)
      .then((n) => {
        if (n > 0) logger?.debug({ removed: n }, "TTL monitor removed expired documents");
      })
      .catch((err: unknown) => logger?.error({ err }, "TTL monitor failed"))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
