import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import { BSON, type Document } from "bson";
import type { Db } from "mongodb";

/**
 * A backup is a gzip stream of BSON documents: a header, then for each
 * collection a description (options and indexes) followed by its documents.
 * It goes through the driver, so it works the same on the embedded store and
 * on MongoDB, and keeps every BSON type.
 */
const FORMAT = "kehila-pulse-backup";

export interface BackupSummary {
  collections: number;
  documents: number;
}

/** Writes every collection of `db` to `file`. */
export async function backupDatabase(
  db: Db,
  file: string,
  onProgress?: (s: BackupSummary) => void,
): Promise<BackupSummary> {
  const summary: BackupSummary = { collections: 0, documents: 0 };
  async function* records(): AsyncGenerator<Buffer> {
    yield Buffer.from(
      BSON.serialize({
        format: FORMAT,
        version: 1,
        database: db.databaseName,
        createdAt: new Date(),
      }),
    );
    const infos = await db.listCollections({}, { nameOnly: false }).toArray();
    for (const info of infos.filter((i) => i.type !== "view" && !i.name.startsWith("system."))) {
      const collection = db.collection(info.name);
      const indexes = (await collection.indexes()).filter((i) => i.name !== "_id_");
      yield Buffer.from(
        BSON.serialize({
          collection: info.name,
          options: "options" in info ? info.options : {},
          indexes,
        }),
      );
      summary.collections += 1;
      for await (const doc of collection.find({}, { batchSize: 1000 })) {
        yield Buffer.from(BSON.serialize({ d: doc }));
        summary.documents += 1;
        if (summary.documents % 10_000 === 0) onProgress?.(summary);
      }
    }
    yield Buffer.from(BSON.serialize({ end: true, ...summary }));
  }
  const tmp = `${file}.partial`;
  // A backup holds residents' answers and password hashes: private to the account that made it.
  await pipeline(
    Readable.from(records()),
    zlib.createGzip(),
    fs.createWriteStream(tmp, { mode: 0o600 }),
  );
  fs.renameSync(tmp, file); // a backup that stopped half-way never looks complete
  return summary;
}

/** The BSON documents of a backup file, in order. */
async function* readRecords(file: string): AsyncGenerator<Document> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(file).pipe(zlib.createGunzip())) {
    pending = pending.length === 0 ? (chunk as Buffer) : Buffer.concat([pending, chunk as Buffer]);
    let offset = 0;
    while (pending.length - offset >= 4) {
      const size = pending.readInt32LE(offset);
      if (pending.length - offset < size) break;
      yield BSON.deserialize(pending.subarray(offset, offset + size), {
        promoteLongs: false,
        promoteValues: false,
      });
      offset += size;
    }
    pending = pending.subarray(offset);
  }
  if (pending.length > 0) throw new Error("The backup file ends in the middle of a record.");
}

/**
 * Restores a backup into `db`. Refuses to mix with existing data unless `drop`
 * is set, in which case each restored collection is replaced.
 */
export async function restoreDatabase(
  db: Db,
  file: string,
  options: { drop?: boolean } = {},
): Promise<BackupSummary> {
  const summary: BackupSummary = { collections: 0, documents: 0 };
  let collection: string | undefined;
  let batch: Document[] = [];
  let complete = false;
  const flush = async () => {
    if (collection && batch.length > 0)
      await db.collection(collection).insertMany(batch, { ordered: true });
    summary.documents += batch.length;
    batch = [];
  };
  let first = true;
  for await (const record of readRecords(file)) {
    if (first) {
      if (record.format !== FORMAT) throw new Error(`${file} is not a Kehila Pulse backup.`);
      first = false;
      continue;
    }
    if (record.end) {
      complete = true;
      break;
    }
    if (typeof record.collection === "string") {
      await flush();
      collection = record.collection;
      const existing = await db.listCollections({ name: collection }).toArray();
      if (existing.length > 0) {
        if (!options.drop && (await db.collection(collection).estimatedDocumentCount()) > 0) {
          throw new Error(
            `Collection ${collection} already has data; restore with --drop to replace it.`,
          );
        }
        await db.collection(collection).drop();
      }
      await db.createCollection(collection);
      const indexes = (record.indexes as Document[]).map(({ v: _v, ns: _ns, ...spec }) => spec);
      if (indexes.length > 0) await db.collection(collection).createIndexes(indexes as never);
      summary.collections += 1;
      continue;
    }
    batch.push(record.d as Document);
    if (batch.length === 1000) await flush();
  }
  await flush();
  if (!complete) throw new Error("The backup file is incomplete: it has no end record.");
  return summary;
}
