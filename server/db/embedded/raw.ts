import type { Document } from "bson";

/**
 * The BSON bytes an inserted document arrived in off the wire. A stored
 * document is never changed in place (a change makes a new object), so these
 * bytes say exactly what the object holds, types included, and the store uses
 * them instead of encoding the document again: for the size limit, the
 * collection's stored copy (server/db/embedded/stored-document.ts) and the
 * journal record. The journal takes them when it writes the record, so they are
 * held only while the insert is in flight, never for the life of the document.
 */
export interface RawDocument {
  bytes: Buffer;
  /** True when the bytes hold no whole-number double (server/db/embedded/doubles.ts). */
  plain: boolean;
}

const rawBytes = new WeakMap<Document, RawDocument>();

export function keepRaw(doc: Document, bytes: Buffer, plain: boolean): void {
  rawBytes.set(doc, { bytes, plain });
}

/** The document's size in BSON, when its bytes are known. */
export function rawSize(doc: Document): number | undefined {
  return rawBytes.get(doc)?.bytes.length;
}

/** The document's bytes, left in place for the journal (the collection copies them). */
export function peekRaw(doc: Document): RawDocument | undefined {
  return rawBytes.get(doc);
}

/** The document's bytes, once: later calls get nothing. */
export function takeRaw(doc: Document): RawDocument | undefined {
  const raw = rawBytes.get(doc);
  if (raw) rawBytes.delete(doc);
  return raw;
}
