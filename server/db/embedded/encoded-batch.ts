import { BSON, type Document } from "bson";
import { withDoubles } from "./doubles";

/**
 * A cursor's batch, each document encoded to BSON exactly once. The batch is
 * cut by its size in bytes (a reply stays under 16 MB), and measuring a
 * document costs as much as encoding it: measuring with
 * `calculateObjectSize` and then encoding the whole reply walked every
 * document twice, the largest part of an export's time in the store. So the
 * bytes measured are the bytes sent: the reply around them is written by
 * {@link serializeReply}, which copies them in.
 */
export class EncodedBatch {
  constructor(
    /** Each document's BSON, with its whole-number doubles and longs kept as such. */
    readonly docs: readonly Buffer[],
  ) {}

  get length(): number {
    return this.docs.length;
  }
}

/** How a reply is encoded: `undefined` fields are left out, as drivers do. */
const SERIALIZE_OPTIONS = { ignoreUndefined: true } as const;

/** A document to send: its stored bytes as they are (stored-projection.ts), or an object encoded. */
export type Outgoing = Document | Buffer;

function encodeOne(doc: Outgoing): Buffer {
  if (Buffer.isBuffer(doc)) return doc;
  const bytes = BSON.serialize(withDoubles(doc), SERIALIZE_OPTIONS);
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * The next batch of `docs` from `from`: at most `limit` documents and, past
 * the first (which always goes, however large), at most `maxBytes` of BSON.
 */
export function encodeBatch(
  docs: readonly Outgoing[],
  from: number,
  limit: number,
  maxBytes: number,
): EncodedBatch {
  const out: Buffer[] = [];
  let bytes = 0;
  for (let i = from; i < docs.length && out.length < limit; i += 1) {
    const encoded = encodeOne(docs[i]!);
    bytes += encoded.length;
    if (out.length > 0 && bytes > maxBytes) break;
    out.push(encoded);
  }
  return new EncodedBatch(out);
}

const DOCUMENT = 0x03;
const ARRAY = 0x04;

function isPlainDocument(value: unknown): value is Document {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

/** True when `value` holds an encoded batch somewhere inside it (replies nest it in `cursor`). */
function holdsBatch(value: unknown): boolean {
  if (value instanceof EncodedBatch) return true;
  return isPlainDocument(value) && Object.values(value).some(holdsBatch);
}

/** The batch as a BSON array, written in one buffer: its documents' bytes copied in once. */
function encodeArray(batch: EncodedBatch): Buffer {
  let size = 5;
  for (let i = 0; i < batch.docs.length; i += 1)
    size += 2 + String(i).length + batch.docs[i]!.length;
  const out = Buffer.allocUnsafe(size);
  out.writeInt32LE(size, 0);
  let at = 4;
  for (let i = 0; i < batch.docs.length; i += 1) {
    out[at++] = DOCUMENT;
    at += out.write(String(i), at, "latin1");
    out[at++] = 0;
    at += batch.docs[i]!.copy(out, at);
  }
  out[at] = 0;
  return out;
}

/** The elements of `fields`, encoded by the driver's serialiser in one call (the envelope cut off). */
function plainElements(fields: Document): Buffer {
  const doc = BSON.serialize(withDoubles(fields), SERIALIZE_OPTIONS);
  return Buffer.from(doc.buffer, doc.byteOffset + 4, doc.length - 5);
}

/**
 * A document holding a batch: the batch's bytes and the documents on the way
 * to it written by hand, every run of other fields by the serialiser in one
 * call, in the reply's field order. The first `headroom` bytes of the buffer
 * are left for the caller (a message's header), so the reply is not copied again.
 */
function encodeDocument(doc: Document, headroom = 0): Buffer {
  const parts: Buffer[] = [];
  let pending: Document | undefined;
  const flush = () => {
    if (pending) parts.push(plainElements(pending));
    pending = undefined;
  };
  for (const [name, value] of Object.entries(doc)) {
    const batch = value instanceof EncodedBatch;
    if (!batch && !holdsBatch(value)) {
      (pending ??= {})[name] = value;
      continue;
    }
    flush();
    parts.push(
      Buffer.from([batch ? ARRAY : DOCUMENT]),
      Buffer.from(`${name}\0`, "utf8"),
      batch ? encodeArray(value) : encodeDocument(value as Document),
    );
  }
  flush();
  const size = 4 + parts.reduce((n, p) => n + p.length, 0) + 1;
  const out = Buffer.allocUnsafe(headroom + size);
  out.writeInt32LE(size, headroom);
  let at = headroom + 4;
  for (const p of parts) at += p.copy(out, at);
  out[at] = 0;
  return out;
}

/**
 * A reply's BSON, after `headroom` bytes left for the caller to fill (the
 * message's header: one buffer per reply, the batch's bytes copied into it
 * once). A reply carrying a cursor batch is written around the batch's bytes
 * instead of encoding its documents again; any other goes to the driver's
 * serialiser whole.
 */
export function serializeReply(reply: Document, headroom = 0): Buffer {
  if (holdsBatch(reply)) return encodeDocument(reply, headroom);
  const bytes = BSON.serialize(withDoubles(reply), SERIALIZE_OPTIONS);
  const out = Buffer.allocUnsafe(headroom + bytes.length);
  out.set(bytes, headroom);
  return out;
}
