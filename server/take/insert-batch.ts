import mongoose from "mongoose";

// The driver mongoose connects with (its own copy): its error classes are the ones thrown.
type Collection = mongoose.mongo.Collection;
type Document = mongoose.mongo.Document;
const { MongoBulkWriteError } = mongoose.mongo;

interface Waiting {
  doc: Document;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** The most documents one command carries; a busier tick sends several. */
const MAX_BATCH = 500;

/**
 * Inserts documents into one collection, gathering those that arrive in the same
 * turn of the event loop into one unordered insertMany: one store command, one
 * journal record and one disk sync for all of them instead of one each (a group
 * commit in the app). Kept on purpose: with one insert per submission (through
 * mongoose or the driver alike) the embedded store fell far below issue 21's
 * target at 64 clients (`npm run bench:submissions`, see the commit that kept
 * it). Each caller still has its own outcome: resolved once the command is
 * acknowledged (the store acknowledges a write once it is durable), or rejected
 * with its own document's write error (a duplicate submission id) or with the
 * error of the whole command (the store away, the disk full).
 */
export function insertBatcher(collection: () => Collection): (doc: Document) => Promise<void> {
  let queue: Waiting[] = [];

  const send = async (batch: Waiting[]): Promise<void> => {
    try {
      // The documents are complete, _id included: the driver adds nothing.
      await collection().insertMany(
        batch.map((w) => w.doc),
        { ordered: false },
      );
      for (const w of batch) w.resolve();
    } catch (err) {
      const failed = new Map<number, unknown>();
      if (err instanceof MongoBulkWriteError && !err.writeConcernError) {
        const errors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors];
        for (const e of errors)
          failed.set(e.index, Object.assign(new Error(e.errmsg), e.errInfo, { code: e.code }));
        // Only when every other document is known to be stored do their callers hear so.
        if (err.result.insertedCount === batch.length - failed.size) {
          batch.forEach((w, i) => (failed.has(i) ? w.reject(failed.get(i)) : w.resolve()));
          return;
        }
      }
      // The command failed as a whole (the store away, the disk full): no caller hears "stored",
      // and a retry under the same submission id settles what became of its document.
      batch.forEach((w, i) => w.reject(failed.get(i) ?? err));
    }
  };

  const flush = () => {
    const waiting = queue;
    queue = [];
    for (let i = 0; i < waiting.length; i += MAX_BATCH) void send(waiting.slice(i, i + MAX_BATCH));
  };

  return (doc) =>
    new Promise<void>((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ doc, resolve, reject });
    });
}
