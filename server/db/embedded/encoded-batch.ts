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

function cstring(name: string): Buffer {
  return Buffer.from(`${name}\0`, "utf8");
}

/** A document's bytes from its elements' bytes: length, elements, terminating zero. */
function wrapElements(parts: Buffer[]): Buffer {
  const size = 4 + parts.reduce((n, p) => n + p.length, 0) + 1;
  const out = Buffer.allocUnsafe(size);
  out.writeInt32LE(size, 0);
  let at = 4;
  for (const p of parts) at += p.copy(out, at);
  out[at] = 0;
  return out;
}

/** One element, `name: value`, encoded by the driver's serialiser (its document's envelope cut off). */
function element(name: string, value: unknown): Buffer {
  const doc = BSON.serialize(withDoubles({ [name]: value }), SERIALIZE_OPTIONS);
  return Buffer.from(doc.buffer, doc.byteOffset + 4, doc.length - 5);
}

function encodeDocument(doc: Document): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(doc)) {
    if (value instanceof EncodedBatch) {
      const items = value.docs.flatMap((bytes, i) => [
        Buffer.from([DOCUMENT]),
        cstring(String(i)),
        bytes,
      ]);
      parts.push(Buffer.from([ARRAY]), cstring(name), wrapElements(items));
    } else if (holdsBatch(value)) {
      parts.push(Buffer.from([DOCUMENT]), cstring(name), encodeDocument(value as Document));
    } else {
      parts.push(element(name, value));
    }
  }
  return wrapElements(parts);
}

/**
 * A reply's BSON. A reply carrying a cursor batch is written around the
 * batch's bytes instead of encoding its documents again; any other goes to
 * the driver's serialiser whole.
 */
export function serializeReply(reply: Document): Buffer {
  if (holdsBatch(reply)) return encodeDocument(reply);
  const bytes = BSON.serialize(withDoubles(reply), SERIALIZE_OPTIONS);
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}
