import fs from "node:fs";
import path from "node:path";
import { crc32 } from "node:zlib";
import { BSON, type Document } from "bson";
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from "./data-dir";
import { hasNotes, withDoubles } from "./doubles";
import { faults } from "./errors";
import { rawSize, takeRaw } from "./raw";
import { DocumentFile, type ReplaySource } from "./document-slabs";
import { readRecords, RECORD_HEADER_BYTES } from "./journal-reader";

/**
 * The store's durability: the append-only journal of write effects and the
 * snapshot it is compacted into, how records are framed on disk, group commit
 * with fdatasync before a write is acknowledged, cutting off a torn tail on
 * open, and rotating journals aside while a compaction runs.
 */

const JOURNAL_FILE = "journal.kpj";
const SNAPSHOT_FILE = "snapshot.kpj";

/** What opening found on disk. */
export interface Recovery {
  /** Bytes of a torn or corrupt tail that were cut off the journal. */
  droppedBytes: number;
  /** True when journals set aside by an unfinished compaction were found. */
  setAside: boolean;
}

/**
 * Writes BSON by hand for the one shape that carries raw bytes: `{ e: [effect, …] }`
 * with `plain: true` when no effect holds a whole-number double. Sizes are summed
 * first, then everything is copied once into one buffer.
 */
class RecordWriter {
  private readonly buf: Buffer;
  private at = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }

  int32(value: number): void {
    this.at = this.buf.writeInt32LE(value, this.at);
  }

  byte(value: number): void {
    this.buf[this.at++] = value;
  }

  /** An element's type byte and name (ASCII, as every name written here is). */
  name(type: number, name: string): void {
    this.byte(type);
    this.at += this.buf.write(name, this.at, "latin1");
    this.byte(0);
  }

  bytes(part: Uint8Array): void {
    this.buf.set(part, this.at);
    this.at += part.length;
  }

  done(): Buffer {
    if (this.at !== this.buf.length) throw new Error("journal record size mismatch");
    return this.buf;
  }
}

/** Bytes of an element's type, name and terminating zero. */
const nameSize = (name: string) => name.length + 2;

/**
 * A record of effects `{ e: [...] }`. A document put in the store that still has
 * the bytes it arrived in (server/db/embedded/raw.ts) is copied in as those
 * bytes rather than encoded again; the rest is encoded as usual.
 */
function encodeEffects(effects: Document[]): Buffer {
  // Whether a raw document holds a whole-number double was found as its bytes were read.
  let plain = true;
  const encoded = effects.map((effect) => {
    const raw = effect.op === "put" && effect.doc ? takeRaw(effect.doc as Document) : undefined;
    if (raw) {
      const { doc: _doc, ...rest } = effect;
      plain &&= raw.plain;
      // The effect without its document, and the document's bytes as its `doc` element.
      const head = BSON.serialize(rest);
      return { head, raw: raw.bytes, size: head.length + nameSize("doc") + raw.bytes.length };
    }
    const noted = hasNotes(effect);
    plain &&= !noted;
    const head = BSON.serialize(noted ? withDoubles(effect) : effect);
    return { head, raw: undefined, size: head.length };
  });
  const itemsSize = encoded.reduce((sum, e, i) => sum + nameSize(String(i)) + e.size, 0);
  const arraySize = 4 + itemsSize + 1;
  const size = 4 + nameSize("e") + arraySize + (plain ? nameSize("plain") + 1 : 0) + 1;
  const out = new RecordWriter(size);
  out.int32(size);
  out.name(0x04, "e");
  out.int32(arraySize);
  encoded.forEach((e, i) => {
    out.name(0x03, String(i));
    if (!e.raw) {
      out.bytes(e.head);
      return;
    }
    out.int32(e.size);
    out.bytes(e.head.subarray(4, e.head.length - 1)); // its elements, without length and end byte
    out.name(0x03, "doc");
    out.bytes(e.raw);
    out.byte(0);
  });
  out.byte(0);
  if (plain) {
    out.name(0x08, "plain");
    out.byte(1);
  }
  out.byte(0);
  return out.done();
}

/** True for a record `{ e: [...] }` that puts a document whose bytes are known. */
function carriesRaw(record: Document): record is { e: Document[] } {
  const effects: unknown = record.e;
  return (
    Array.isArray(effects) &&
    Object.keys(record).length === 1 &&
    effects.some((effect: Document) => effect.op === "put" && rawSize(effect.doc) !== undefined)
  );
}

/**
 * A record's bytes after its header. A record without a whole-number double in it
 * (nearly all of them) says so with `plain: true`, and reading it skips looking
 * for them: about a tenth of the time it takes to open a large store.
 */
/** A snapshot's record of one `puts` effect whose documents are their stored bytes (Engine.dump). */
function storedPuts(record: Document): Document | undefined {
  const effects: unknown = record.e;
  if (!Array.isArray(effects) || effects.length !== 1) return undefined;
  const effect = effects[0] as Document;
  const docs: unknown = effect.op === "puts" ? effect.docs : undefined;
  return Array.isArray(docs) && docs.length > 0 && docs.every((d) => Buffer.isBuffer(d))
    ? effect
    : undefined;
}

/**
 * `{ e: [{ op: "puts", db, coll, docs: [...] }] }` with the documents copied in
 * as the bytes the collection holds, not decoded and encoded again. Reading
 * finds their whole-number doubles in the documents' own bytes.
 */
function encodeStoredPuts(effect: Document): Buffer {
  const { docs, ...rest } = effect as { docs: Buffer[] };
  const head = BSON.serialize(rest); // op first: reading looks at it before decoding
  const docsSize = 4 + docs.reduce((n, d, i) => n + nameSize(String(i)) + d.length, 0) + 1;
  const effectSize = head.length + nameSize("docs") + docsSize;
  const arraySize = 4 + nameSize("0") + effectSize + 1;
  const size = 4 + nameSize("e") + arraySize + 1;
  const out = new RecordWriter(size);
  out.int32(size);
  out.name(0x04, "e");
  out.int32(arraySize);
  out.name(0x03, "0");
  out.int32(effectSize);
  out.bytes(head.subarray(4, head.length - 1));
  out.name(0x04, "docs");
  out.int32(docsSize);
  docs.forEach((d, i) => {
    out.name(0x03, String(i));
    out.bytes(d);
  });
  out.byte(0);
  out.byte(0);
  out.byte(0);
  out.byte(0);
  return out.done();
}

function encodeRecord(record: Document): Buffer {
  let payload: Uint8Array;
  const puts = storedPuts(record);
  if (puts) payload = encodeStoredPuts(puts);
  else if (carriesRaw(record)) payload = encodeEffects(record.e);
  else if (hasNotes(record)) payload = BSON.serialize(withDoubles(record));
  else payload = BSON.serialize({ ...record, plain: true });
  const header = Buffer.alloc(RECORD_HEADER_BYTES);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([header, payload]);
}

const ROTATED = /^journal\.(\d+)\.kpj$/;

function sequenceOf(file: string): number {
  return Number(ROTATED.exec(path.basename(file))![1]);
}

/** Journals set aside for a compaction, oldest first. */
function rotatedJournals(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => ROTATED.test(f))
    .map((f) => path.join(dir, f))
    .sort((a, b) => sequenceOf(a) - sequenceOf(b));
}

function fsyncDirectory(dir: string): void {
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The append-only journal of the embedded server. A write is acknowledged only
 * after its record is on disk (fdatasync); records that arrive while a sync is
 * running are written together by the next one (group commit), so many
 * concurrent writers share each sync. A snapshot file holds the compacted state;
 * the journal holds what happened since.
 */
export class Journal {
  private fd: number;
  private size: number;
  private pending: Buffer[] = [];
  private waiters: Array<{ resolve: () => void; reject: (err: Error) => void }> = [];
  private flushing: Promise<void> | undefined;
  private snapshotSize = 0;

  private constructor(
    private readonly dir: string,
    recoveredSize: number,
  ) {
    this.fd = fs.openSync(path.join(dir, JOURNAL_FILE), "a+", PRIVATE_FILE_MODE);
    this.size = recoveredSize;
    this.snapshotSize =
      fs.statSync(path.join(dir, SNAPSHOT_FILE), { throwIfNoEntry: false })?.size ?? 0;
  }

  /**
   * Opens the journal in `dir`, cutting off a torn tail, and replays what it
   * holds through `onRecord`. Each record comes with the file its documents may
   * stay in until they are loaded (document-slabs.ts): the snapshot, a journal
   * set aside, the live journal. The caller seals them once the replay is over
   * and closes them with the store.
   */
  static open(
    dir: string,
    onRecord: (record: Document, from?: ReplaySource) => void,
  ): { journal: Journal; recovery: Recovery; files: DocumentFile[] } {
    fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const files: DocumentFile[] = [];
    const replay = (name: string) => {
      const file = fs.existsSync(name) ? new DocumentFile(name) : undefined;
      if (file) files.push(file);
      return readRecords(name, (record, positionOf) =>
        onRecord(record, file && { file, positionOf }),
      );
    };
    try {
      replay(path.join(dir, SNAPSHOT_FILE));
      // Journals set aside by a compaction that did not finish come between the snapshot and the live journal.
      const setAside = rotatedJournals(dir);
      for (const file of setAside) replay(file);
      const journalFile = path.join(dir, JOURNAL_FILE);
      // Only records read whole are replayed: cutting off the torn tail moves none of them.
      const log = replay(journalFile);
      if (log.goodBytes < log.totalBytes) fs.truncateSync(journalFile, log.goodBytes);
      return {
        journal: new Journal(dir, log.goodBytes),
        recovery: { droppedBytes: log.totalBytes - log.goodBytes, setAside: setAside.length > 0 },
        files,
      };
    } catch (err) {
      for (const file of files) file.close();
      throw err;
    }
  }

  get bytes(): number {
    return this.size;
  }

  /** The size of the snapshot the journal's records follow. */
  get snapshotBytes(): number {
    return this.snapshotSize;
  }

  /** Queues a record; the promise settles when it is durable on disk. */
  append(record: Document): Promise<void> {
    this.pending.push(encodeRecord(record));
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.flushing) this.flushing = this.drain();
    return done;
  }

  /** Settles when everything appended so far is on disk. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async drain(): Promise<void> {
    // Let the commands of the current tick queue their records, then sync them together.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.pending.length > 0) {
      const batch = Buffer.concat(this.pending);
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      try {
        await writeAll(this.fd, batch);
        await new Promise<void>((resolve, reject) =>
          fs.fdatasync(this.fd, (e) => (e ? reject(e) : resolve())),
        );
        this.size += batch.length;
        for (const w of waiters) w.resolve();
      } catch (err) {
        // Cut off whatever part of the batch reached the file, so later records are not stranded behind it.
        try {
          fs.ftruncateSync(this.fd, this.size);
        } catch {
          // The truncate can fail for the same reason the write did; replay drops a torn tail anyway.
        }
        const code = (err as NodeJS.ErrnoException).code;
        const fault =
          code === "ENOSPC" || code === "EDQUOT"
            ? faults.storageFull("no space left on the device that holds the data directory")
            : faults.internal(`journal write failed: ${(err as Error).message}`);
        // Records queued behind the failed batch were applied after it: refuse them too, and
        // everything last first, so each command's rollback sees the state it left.
        const queued = this.waiters;
        this.pending = [];
        this.waiters = [];
        for (const w of [...waiters, ...queued].reverse()) w.reject(fault);
      }
    }
    this.flushing = undefined;
  }

  /**
   * Folds the journal into a new snapshot of `capture()`, the whole current state.
   * The capture and the switch to a fresh journal happen at one instant (after a
   * flush, synchronously), so writes go on while the snapshot is written; with
   * `background` it yields to them every few thousand documents. The snapshot is
   * written and synced through the thread pool, never on the store's thread: a
   * large store's snapshot is gigabytes, whose writes the kernel may hold back
   * and whose sync takes tens of seconds, and a thread blocked that long misses
   * the drivers' heartbeats, which then take the store for gone. Until the new
   * snapshot is in place the set-aside journal stays on disk, so a crash at any
   * point replays to the same state.
   */
  async compact(
    capture: () => Iterable<Document>,
    options: { background?: boolean } = {},
  ): Promise<void> {
    await this.flush();
    const records = capture();
    const setAside = this.rotate();
    const tmp = path.join(this.dir, `${SNAPSHOT_FILE}.tmp`);
    const file = await fs.promises.open(tmp, "w", PRIVATE_FILE_MODE);
    let written = 0;
    try {
      const chunk: Buffer[] = [];
      let chunkBytes = 0;
      for (const record of records) {
        const encoded = encodeRecord(record);
        chunk.push(encoded);
        chunkBytes += encoded.length;
        written += encoded.length;
        if (chunkBytes > 4 * 1024 * 1024) {
          await writeWhole(file, Buffer.concat(chunk));
          chunk.length = 0;
          chunkBytes = 0;
          if (options.background) await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
      if (chunk.length > 0) await writeWhole(file, Buffer.concat(chunk));
      await file.sync();
    } finally {
      await file.close();
    }
    fs.renameSync(tmp, path.join(this.dir, SNAPSHOT_FILE));
    fsyncDirectory(this.dir);
    this.snapshotSize = written;
    // A set-aside journal may be as large as the snapshot: unlinked off the thread too.
    for (const file of setAside) await fs.promises.rm(file, { force: true });
    fsyncDirectory(this.dir);
  }

  /** Sets the live journal aside under the next sequence number and starts an empty one. */
  private rotate(): string[] {
    const existing = rotatedJournals(this.dir);
    const next = existing.length === 0 ? 1 : sequenceOf(existing[existing.length - 1]!) + 1;
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    const rotated = path.join(this.dir, `journal.${next}.kpj`);
    fs.renameSync(path.join(this.dir, JOURNAL_FILE), rotated);
    this.fd = fs.openSync(path.join(this.dir, JOURNAL_FILE), "a+", PRIVATE_FILE_MODE);
    this.size = 0;
    fsyncDirectory(this.dir);
    return [...existing, rotated];
  }

  async close(): Promise<void> {
    await this.flush();
    fs.closeSync(this.fd);
  }
}

async function writeWhole(file: fs.promises.FileHandle, data: Buffer): Promise<void> {
  for (let offset = 0; offset < data.length;) {
    const { bytesWritten } = await file.write(data, offset, data.length - offset);
    offset += bytesWritten;
  }
}

function writeAll(fd: number, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (offset: number) => {
      fs.write(fd, data, offset, data.length - offset, null, (err, written) => {
        if (err) return reject(err);
        if (offset + written < data.length) return step(offset + written);
        resolve();
      });
    };
    step(0);
  });
}
