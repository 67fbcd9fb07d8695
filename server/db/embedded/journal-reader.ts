import fs from "node:fs";
import { crc32 } from "node:zlib";
import { BSON, type Document } from "bson";
import { CHECK_ASIDE_BYTES, ChecksAside } from "./checks-aside";
import { noteDoubles } from "./doubles";
import { StoredElements } from "./stored-keys";
import { DESERIALIZE_OPTIONS } from "./wire";

/**
 * Reading the journal's and the snapshot's files when a store opens (journal.ts
 * writes them). A file is read in chunks into one buffer used again and again:
 * reading a large snapshot whole costs as much again as the data in fresh
 * memory, and holds it twice. Each record is handed over while its chunk is
 * read, and what it names must be copied by whoever keeps it.
 *
 * The documents a record puts (a snapshot's `puts`, a write's `put`) are not
 * decoded here: they come out as their bytes, in a `stored` effect, and the
 * collection keeps those bytes and reads its index keys from them
 * (collection.ts `replayStored`). Every other effect is decoded as before.
 */

export const RECORD_HEADER_BYTES = 8;
/** The read buffer's size; a record larger than this gets a buffer of its own size. */
const CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * Reads a file of records: each is a 4-byte length, a 4-byte CRC-32 of the
 * payload and a BSON payload. Stops at the first record that is cut short or
 * fails its checksum, which is what a crash in the middle of a write leaves.
 * `onRecord` gets each record's effects; the buffers in them are views of the
 * read buffer, valid until it returns, and `positionOf` tells where in the file
 * such a view's bytes lie.
 */
export function readRecords(
  file: string,
  onRecord: (record: Document, positionOf: (view: Buffer) => number) => void,
): { goodBytes: number; totalBytes: number } {
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { goodBytes: 0, totalBytes: 0 };
    throw err;
  }
  let aside: ChecksAside | undefined;
  try {
    const total = fs.fstatSync(fd).size;
    if (total >= CHECK_ASIDE_BYTES) aside = new ChecksAside(file);
    let buf = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(total, RECORD_HEADER_BYTES)));
    /** File offset of `buf[0]`, bytes of the file held in `buf`, and the next record's place in it. */
    let base = 0;
    let held = 0;
    let at = 0;
    /** Makes `buf[at, at + need)` hold the file's bytes there; false past the end of the file. */
    const ensure = (need: number): boolean => {
      if (base + at + need > total) return false;
      if (held - at >= need) return true;
      if (need > buf.length) {
        const bigger = Buffer.allocUnsafe(need);
        buf.copy(bigger, 0, at, held);
        buf = bigger;
      } else buf.copy(buf, 0, at, held);
      base += at;
      held -= at;
      at = 0;
      while (held < need) {
        const read = fs.readSync(fd, buf, held, buf.length - held, base + held);
        if (read === 0) return false;
        held += read;
      }
      return true;
    };
    const positionOf = (view: Buffer) => base + view.byteOffset - buf.byteOffset;
    while (ensure(RECORD_HEADER_BYTES)) {
      const length = buf.readUInt32LE(at);
      const checksum = buf.readUInt32LE(at + 4);
      if (length < 5 || !ensure(RECORD_HEADER_BYTES + length)) break;
      const payload = buf.subarray(at + RECORD_HEADER_BYTES, at + RECORD_HEADER_BYTES + length);
      const end = base + at + RECORD_HEADER_BYTES + length;
      if (aside ? !aside.sound(end, payload, checksum) : crc32(payload) !== checksum) break;
      onRecord(decodeRecord(payload), positionOf);
      at += RECORD_HEADER_BYTES + length;
    }
    return { goodBytes: base + at, totalBytes: total };
  } finally {
    aside?.close();
    fs.closeSync(fd);
  }
}

const record = new StoredElements();
const effects = new StoredElements();
const effect = new StoredElements();
const docs = new StoredElements();

/**
 * The name last read from a string element, kept with its bytes: a journal's
 * records come in runs for one collection, and each would otherwise make its
 * database's and collection's names again.
 */
class LastName {
  private bytes = Buffer.alloc(0);
  private text = "";

  read(elements: StoredElements, i: number): string | undefined {
    if (this.bytes.length > 0 && elements.isText(i, this.bytes)) return this.text;
    const text = elements.text(i);
    if (text === undefined) return undefined;
    this.bytes = Buffer.from(text);
    this.text = text;
    return text;
  }
}

const lastDb = new LastName();
const lastColl = new LastName();

const E = Buffer.from("e");
const PLAIN = Buffer.from("plain");
const OP = Buffer.from("op");
const PUT = Buffer.from("put");
const PUTS = Buffer.from("puts");
const DB = Buffer.from("db");
const COLL = Buffer.from("coll");
const DOC = Buffer.from("doc");
const DOCS = Buffer.from("docs");

/**
 * One record's effects, `{ e: [...] }`: puts as `stored` effects holding their
 * documents' bytes, the rest decoded from a copy of their bytes (the decoder
 * may keep views of what it reads, such as a Binary's bytes).
 */
function decodeRecord(payload: Buffer): Document {
  const e = record.read(payload) ? record.find(E) : -1;
  if (e < 0 || record.typeAt(e) !== 0x04 || !effects.read(payload, record.valueAt(e))) {
    const copy = Buffer.from(payload);
    const whole = BSON.deserialize(copy, DESERIALIZE_OPTIONS);
    if (whole.plain !== true) noteDoubles(copy, 0, whole);
    return whole;
  }
  const p = record.find(PLAIN);
  const plain = p >= 0 && record.typeAt(p) === 0x08 && payload[record.valueAt(p)] === 1;
  const out: Document[] = [];
  for (let i = 0; i < effects.count; i += 1) {
    const start = effects.valueAt(i);
    out.push(storedEffect(payload, start) ?? decodeEffect(payload, start, plain));
  }
  return { e: out };
}

/** A put or puts effect at `payload[start]` as `{ op: "stored", db, coll, docs }`, else undefined. */
function storedEffect(payload: Buffer, start: number): Document | undefined {
  if (payload[start + 4] !== 0x02 || !effect.read(payload, start)) return undefined;
  const op = effect.find(OP);
  const one = effect.isText(op, PUT);
  if (!one && !effect.isText(op, PUTS)) return undefined;
  const db = lastDb.read(effect, effect.find(DB));
  const coll = lastColl.read(effect, effect.find(COLL));
  if (db === undefined || coll === undefined) return undefined;
  if (one) {
    const d = effect.find(DOC);
    if (d < 0 || effect.typeAt(d) !== 0x03) return undefined;
    return { op: "stored", db, coll, docs: [effect.documentAt(d)] };
  }
  const d = effect.find(DOCS);
  if (d < 0 || effect.typeAt(d) !== 0x04 || !docs.read(payload, effect.valueAt(d)))
    return undefined;
  const out: Buffer[] = [];
  for (let i = 0; i < docs.count; i += 1) {
    if (docs.typeAt(i) !== 0x03) return undefined;
    out.push(docs.documentAt(i));
  }
  return { op: "stored", db, coll, docs: out };
}

function decodeEffect(payload: Buffer, start: number, plain: boolean): Document {
  const copy = Buffer.from(payload.subarray(start, start + payload.readInt32LE(start)));
  const decoded = BSON.deserialize(copy, DESERIALIZE_OPTIONS);
  if (!plain) noteDoubles(copy, 0, decoded);
  return decoded;
}
