import { BSON, type Document } from "bson";
import { readDocument } from "./document-reader";
import { noteDoubles, withDoubles } from "./doubles";
import { peekRaw } from "./raw";
import { DESERIALIZE_OPTIONS } from "./wire";

/**
 * How a collection's documents are read: decoded from their BSON bytes
 * (held in document-slabs.ts), on demand.
 * A decoded document costs four to five times its BSON size in V8 heap (an
 * object per sub-document, a hidden class, boxed numbers, UTF-16 strings); the
 * bytes cost their size, which is what lets 4.1 M responses fit one machine
 * (issue 23). Bytes are never changed in place: a change stores a new buffer,
 * so the buffer held for an id also tells one version from the next.
 */

/**
 * The stored bytes each decoded (or just stored) document was made from. A
 * stored document is never changed in place, so its bytes stay exact for as
 * long as the object lives, and a read can send them instead of encoding the
 * object again (stored-projection.ts). Held weakly: an entry goes with its
 * document, and the bytes are the collection's own buffer, not a copy.
 */
const sources = new WeakMap<Document, Buffer>();

/**
 * The bytes to keep for `doc`: the bytes it arrived in when the insert carried
 * them (a view of the message: the caller copies them into its own storage),
 * otherwise `doc` encoded with its whole-number doubles and longs kept as such.
 */
export function bytesToStore(doc: Document): Uint8Array {
  return peekRaw(doc)?.bytes ?? BSON.serialize(withDoubles(doc));
}

/** Records that `doc` is exactly `bytes`, the collection's stored copy, for reads to send. */
export function noteStored(doc: Document, bytes: Buffer): void {
  sources.set(doc, bytes);
}

/** The stored bytes `doc` was decoded from or stored as, if it came from a collection. */
export function storedBytesOf(doc: Document): Buffer | undefined {
  return sources.get(doc);
}

/** Documents decoded from stored bytes since the process started. */
let decoded = 0;

/**
 * How many stored documents this process has decoded: a read that an index
 * answers alone, or a cursor that reads a batch at a time, shows it here
 * (test/db/index-answered-reads.test.ts).
 */
export function decodedDocuments(): number {
  return decoded;
}

/**
 * A fresh document decoded from stored bytes, with its doubles and longs noted
 * (server/db/embedded/doubles.ts): the store's own reader for the common types,
 * the driver's deserialiser for the rest.
 */
export function decodeStored(bytes: Buffer): Document {
  decoded += 1;
  const read = readDocument(bytes);
  const doc = read ? read.doc : BSON.deserialize(bytes, DESERIALIZE_OPTIONS);
  if (!read) noteDoubles(bytes, 0, doc);
  sources.set(doc, bytes);
  return doc;
}

/**
 * Decoded documents kept for reuse, at most `limit`, the oldest put in going
 * first. It spares a decode on every read of a small collection (kept whole)
 * and of the documents a client just wrote or read by id; a scan of a large
 * collection decodes as it goes instead of flushing it.
 */
export class DecodedCache {
  private readonly docs = new Map<string, Document>();

  constructor(readonly limit: number) {}

  get size(): number {
    return this.docs.size;
  }

  get(idKey: string): Document | undefined {
    return this.docs.get(idKey);
  }

  set(idKey: string, doc: Document): void {
    if (this.docs.has(idKey)) this.docs.delete(idKey);
    else if (this.docs.size >= this.limit) {
      const oldest = this.docs.keys().next();
      if (!oldest.done) this.docs.delete(oldest.value);
    }
    this.docs.set(idKey, doc);
  }

  delete(idKey: string): void {
    this.docs.delete(idKey);
  }
}
