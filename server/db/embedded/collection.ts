import { BSON, ObjectId, type Document } from "bson";
import { carryDoubles } from "./doubles";
import { CommandFault, faults } from "./errors";
import { Index, type IndexSpec } from "./indexes";
import { planQuery, type QueryPlan } from "./planner";
import { isDocument, keyString } from "./values";
import { rawSize } from "./raw";
import { DocumentSlabs, type FrozenDocuments, type ReplaySource } from "./document-slabs";
import { bytesToStore, decodeStored, DecodedCache, noteStored } from "./stored-document";
import { StoredIds } from "./stored-ids";
import { StoredElements, storedIdKey } from "./stored-keys";
import { readRawDocument } from "./wire";

/**
 * One collection's documents and indexes, and the checks every write to them
 * passes (document size, `_id`, unique keys, capped limits; the validator is
 * validation.ts's). Commands reach it through `CollectionView`, which a
 * transaction's copy also offers; the journal is the engine's (engine.ts),
 * query plans the planner's (planner.ts).
 */

export const ID_INDEX: IndexSpec = Object.freeze({ v: 2, key: { _id: 1 }, name: "_id_" });

/** What commands read of a collection; a transaction's view of one looks the same. */
export interface CollectionView {
  readonly db: string;
  readonly name: string;
  readonly ns: string;
  readonly options: Document;
  readonly indexes: ReadonlyMap<string, Index>;
  readonly size: number;
  get(idKey: string): Document | undefined;
  all(): Iterable<Document>;
  candidates(
    filter: Document | undefined,
    options?: { collation?: Document },
  ): { docs: Document[]; plan: QueryPlan };
  indexSpecs(): IndexSpec[];
}

/**
 * A document as it is stored on insert: `_id` first (MongoDB stores it first
 * whatever order the client sent), an ObjectId when it has none, never an array.
 */
export function prepareInsert(doc: Document): Document {
  if (doc._id === undefined) return withNotes(doc, { _id: new ObjectId(), ...doc });
  if (Array.isArray(doc._id)) throw faults.badValue("can't use an array for _id");
  if (isDocument(doc._id) && Object.keys(doc._id).some((k) => k.startsWith("$"))) {
    throw new CommandFault(53, "InvalidIdField", "_id fields may not contain '$'-prefixed fields");
  }
  return firstKey(doc) === "_id" ? doc : withNotes(doc, { _id: doc._id, ...doc });
}

function firstKey(doc: Document): string | undefined {
  for (const key in doc) return key;
  return undefined;
}

function withNotes(from: Document, to: Document): Document {
  carryDoubles(from, to);
  return to;
}

/** MongoDB's limit on a stored document. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

function checkSize(doc: Document): void {
  const size = rawSize(doc) ?? BSON.calculateObjectSize(doc);
  if (size > MAX_DOCUMENT_BYTES) {
    throw faults.bsonObjectTooLarge(
      `object to insert too large. size in bytes: ${size}, max size: ${MAX_DOCUMENT_BYTES}`,
    );
  }
}

/**
 * Decoded documents a collection keeps at most: a collection this small is held
 * decoded whole once read, as before documents were kept as bytes; a larger one
 * keeps the ones last written or read by id.
 */
export const DECODED_LIMIT = 16_384;

/** The elements of the document being replayed, and of the one it replaces (Collection.replayStored). */
const REPLAYED = new StoredElements();
const PREVIOUS = new StoredElements();
/** BSON's type byte of an ObjectId. */
const BSON_OBJECT_ID = 0x07;

/** Index lookups that return at most this many documents keep them decoded for the next read. */
const REMEMBERED_LOOKUP = 16;

/**
 * The documents of one collection and their indexes. Documents are held as
 * their BSON bytes (server/db/embedded/document-slabs.ts), listed in insertion order,
 * which a capped collection relies on; every read hands out a decoded
 * document, never changed in place. Every change checks all unique indexes
 * before it touches anything, so a refused write leaves the collection as it was.
 */
export class Collection implements CollectionView {
  /** Id key → slot of the document's bytes in `slabs`, in insertion order. */
  private readonly stored = new StoredIds();
  private readonly slabs = new DocumentSlabs();
  private readonly decoded = new DecodedCache(DECODED_LIMIT);
  readonly indexes = new Map<string, Index>();

  constructor(
    readonly db: string,
    readonly name: string,
    /** As `create` gave them (collation, validator, capped ...); `collMod` replaces them. */
    public options: Document = {},
    indexSpecs: readonly IndexSpec[] = [],
  ) {
    this.indexes.set(ID_INDEX.name, this.newIndex(ID_INDEX));
    for (const spec of indexSpecs)
      if (spec.name !== ID_INDEX.name) this.indexes.set(spec.name, this.newIndex(spec));
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get size(): number {
    return this.stored.size;
  }

  has(idKey: string): boolean {
    return this.stored.has(idKey);
  }

  get(idKey: string): Document | undefined {
    const slot = this.stored.get(idKey);
    return slot === undefined ? undefined : this.read(idKey, slot, true);
  }

  /**
   * The document stored under `idKey` for a read that walks many (a cursor
   * reading batch by batch): decoded without being kept, unless the collection
   * is small enough to be kept decoded whole, so a long read does not push out
   * the documents last written.
   */
  fetch(idKey: string): Document | undefined {
    const slot = this.stored.get(idKey);
    return slot === undefined
      ? undefined
      : this.read(idKey, slot, this.stored.size <= DECODED_LIMIT);
  }

  /** The stored bytes of the document under `idKey`, for a read that sends them as they are. */
  bytesOf(idKey: string): Buffer | undefined {
    const slot = this.stored.get(idKey);
    return slot === undefined ? undefined : this.slabs.get(slot);
  }

  /**
   * What the document stored under `idKey` is now: a token that changes with
   * every write to it (the stored buffer), for a transaction to tell whether
   * someone wrote the document since it read it.
   */
  version(idKey: string): number | undefined {
    const slot = this.stored.get(idKey);
    return slot === undefined ? undefined : this.slabs.version(slot);
  }

  /** Bytes of BSON the collection holds. */
  get dataSize(): number {
    return this.slabs.liveBytes;
  }

  /*
   * A read that walks every document, or orders them all, first loads any a
   * reopen left in its files (DocumentSlabs.loadSome): one pass over each file
   * in large reads, where reading each document from it would be a read apiece.
   */

  *all(): Iterable<Document> {
    this.slabs.loadAll();
    const remember = this.stored.size <= DECODED_LIMIT;
    for (const [idKey, slot] of this.stored) yield this.read(idKey, slot, remember);
  }

  /** Every document with its id key, in insertion order. */
  *entries(): Iterable<[string, Document]> {
    this.slabs.loadAll();
    const remember = this.stored.size <= DECODED_LIMIT;
    for (const [idKey, slot] of this.stored) yield [idKey, this.read(idKey, slot, remember)];
  }

  /** Every document's stored bytes with its id key, in insertion order. */
  *storedEntries(): Iterable<[string, Buffer]> {
    this.slabs.loadAll();
    for (const [idKey, slot] of this.stored) yield [idKey, this.slabs.get(slot)];
  }

  /**
   * Every document's stored bytes with its id key, in insertion order, each
   * valid only until the next is read; documents still in the snapshot are
   * read from it in large pieces without being loaded (DocumentSlabs.peek).
   */
  *scannedEntries(): Iterable<[string, Buffer]> {
    for (const [idKey, slot] of this.stored) yield [idKey, this.slabs.peek(slot)];
  }

  private newIndex(spec: IndexSpec): Index {
    return new Index(this.ns, spec, {
      docs: () => this.entries(),
      stored: () => this.storedEntries(),
      scanned: () => this.scannedEntries(),
      // An index reads documents' bytes by id to order those of one first-field value,
      // and again to compare them: each is brought into memory on its first read.
      bytes: (idKey) => {
        const slot = this.stored.get(idKey);
        return slot === undefined ? undefined : this.slabs.loaded(slot);
      },
    });
  }

  /**
   * The documents stored after the one under `idKey`, in insertion order, for
   * a tailable cursor; undefined when that document is gone (capped away).
   */
  after(idKey: string): Array<[string, Document]> | undefined {
    const out: Array<[string, Document]> = [];
    let found = false;
    this.slabs.loadAll();
    for (const [key, bytes] of this.stored) {
      if (found) out.push([key, this.read(key, bytes, false)]);
      else found = key === idKey;
    }
    return found ? out : undefined;
  }

  /** The id key of the document stored last, where a tailable cursor starts waiting. */
  lastKey(): string | undefined {
    let last: string | undefined;
    for (const key of this.stored.keys()) last = key;
    return last;
  }

  /** The stored bytes of every document now, for a snapshot: later writes store new buffers. */
  storedBytes(): FrozenDocuments {
    return this.slabs.freeze([...this.stored.values()]);
  }

  private read(idKey: string, slot: number, remember: boolean): Document {
    let doc = this.decoded.get(idKey);
    if (doc) return doc;
    doc = decodeStored(this.slabs.get(slot));
    if (remember) this.decoded.set(idKey, doc);
    return doc;
  }

  /** Adds a document, giving it an ObjectId `_id` when it has none. */
  insert(doc: Document, force = false): Document {
    doc = prepareInsert(doc);
    const idKey = keyString(doc._id);
    if (this.stored.has(idKey)) {
      if (!force) throw faults.duplicateKey(this.ns, "_id_", { _id: 1 }, { _id: doc._id });
      return this.replace(idKey, doc, true);
    }
    if (!force) {
      checkSize(doc);
      for (const index of this.indexes.values()) index.check(doc, idKey);
    }
    const slot = this.slabs.put(bytesToStore(doc));
    noteStored(doc, this.slabs.get(slot));
    this.stored.add(idKey, slot);
    this.decoded.set(idKey, doc);
    for (const index of this.indexes.values()) index.add(doc, idKey);
    if (this.options.capped) this.cap(this.slabs.size(slot), idKey);
    return doc;
  }

  /**
   * Replays a document from its stored bytes (a snapshot's or a journal put's),
   * in place of the one with its `_id`. The id and the index keys are read from
   * the bytes (stored-keys.ts); the document is decoded only for an index that
   * needs it (an array in an indexed field, a partial index). `bytes` may be a
   * view of a buffer the reader reuses: the slabs copy them, or, with `from`,
   * the document stays in that file until it is loaded (`loadSome`).
   */
  replayStored(bytes: Buffer, from?: ReplaySource): void {
    if (!this.replayed) {
      this.replayed = true;
      for (const index of this.indexes.values()) index.defer();
    }
    const top = REPLAYED;
    // While no index takes keys now (their hashes are built after the replay), only `_id`
    // is read: the rest of the bytes were checked when written, and the record's CRC holds.
    const most = this.keysLeftAlone() ? 1 : Infinity;
    const readable = top.read(bytes, 0, most) && top.startsWithId();
    // An ObjectId is looked up by its bytes, its key string made only if something asks.
    const idAt = readable && !top.dollar && top.typeAt(0) === BSON_OBJECT_ID ? top.valueAt(0) : -1;
    let idKey = readable && idAt < 0 ? storedIdKey(top) : undefined;
    if (idAt < 0 && idKey === undefined) {
      // An _id only the decoder can key (a sub-document, a Long ...): the general path.
      this.insert(readRawDocument(Buffer.from(bytes)), true);
      return;
    }
    const found = idAt >= 0 ? this.stored.getAt(bytes, idAt) : this.stored.get(idKey!);
    const before = found === undefined ? 0 : this.slabs.size(found);
    let slot: number;
    if (found !== undefined) {
      slot = found;
      if (most !== 1) {
        // Read only when some index takes keys: the old document may still be in the snapshot.
        idKey ??= this.stored.keyOf(slot);
        const old = this.slabs.get(slot);
        let oldDoc: Document | undefined;
        const ok = PREVIOUS.read(old);
        for (const index of this.indexes.values())
          if (!ok || !index.removeStored(PREVIOUS, idKey))
            index.remove((oldDoc ??= decodeStored(old)), idKey);
      }
      if (this.decoded.size > 0) this.decoded.delete((idKey ??= this.stored.keyOf(slot)));
      if (from) this.slabs.putInFile(from.file, from.positionOf(bytes), bytes.length, slot);
      else this.slabs.put(bytes, slot);
    } else {
      slot = from
        ? this.slabs.putInFile(from.file, from.positionOf(bytes), bytes.length)
        : this.slabs.put(bytes);
      if (idAt >= 0) this.stored.addAt(bytes, idAt, slot);
      else this.stored.add(idKey!, slot);
    }
    if (most !== 1) {
      idKey ??= this.stored.keyOf(slot);
      let doc: Document | undefined;
      for (const index of this.indexes.values())
        if (!index.addStored(top, idKey))
          index.add((doc ??= decodeStored(this.slabs.get(slot))), idKey);
    }
    if (this.options.capped) {
      if (before > 0) this.cappedBytes += this.slabs.size(slot) - before;
      else this.cap(this.slabs.size(slot), (idKey ??= this.stored.keyOf(slot)));
    }
  }

  /**
   * Copies up to `limit` more documents a replay left in its file into memory;
   * true when none is left.
   */
  loadSome(limit: number): boolean {
    return this.slabs.loadSome(limit);
  }

  private keysLeftAlone(): boolean {
    for (const index of this.indexes.values()) if (!index.keysLeftAlone) return false;
    return true;
  }

  /** True once a replay has put documents here, its indexes left to build (Index.defer). */
  private replayed = false;

  /**
   * Hashes up to `limit` more documents into an index left to build after a
   * replay, unique ones first (a write waits for them); true when none was left.
   */
  buildDeferredIndexes(limit: number): boolean {
    const left = [...this.indexes.values()].filter((index) => index.deferred);
    const next = left.find((index) => index.unique) ?? left[0];
    if (!next) return true;
    next.buildSome(limit);
    return false;
  }

  /** Bytes of BSON a capped collection holds, counted as documents come and go. */
  private cappedBytes = 0;

  /**
   * A capped collection keeps at most `max` documents and `size` bytes: the
   * oldest (first inserted) go when a new one would pass either. Replaying the
   * journal's inserts evicts the same documents again.
   */
  private cap(addedBytes: number, addedKey: string): void {
    this.cappedBytes += addedBytes;
    const max = Number(this.options.max) > 0 ? Number(this.options.max) : Infinity;
    const size = Number(this.options.size) > 0 ? Number(this.options.size) : Infinity;
    for (const idKey of this.stored.keys()) {
      if (this.stored.size <= max && this.cappedBytes <= size) break;
      if (idKey === addedKey) break;
      this.remove(idKey);
    }
  }

  /** Puts `next` in place of the document stored under `idKey`; `_id` may not change. */
  replace(idKey: string, next: Document, force = false): Document {
    const current = this.get(idKey);
    if (!current) return this.insert(next, force);
    if (keyString(next._id) !== idKey) {
      throw faults.immutableField(
        "Performing an update on the path '_id' would modify the immutable field '_id'",
      );
    }
    if (!force) {
      checkSize(next); // before the indexes are touched, so a refusal leaves them whole
      // A unique index still to build after a reopen is built before the old keys leave the
      // indexes: built by the check below, it would read this document's old bytes back in.
      for (const index of this.indexes.values()) index.readyToCheck();
    }
    for (const index of this.indexes.values()) index.remove(current, idKey);
    if (!force) {
      try {
        for (const index of this.indexes.values()) index.check(next, idKey);
      } catch (err) {
        for (const index of this.indexes.values()) index.add(current, idKey);
        throw err;
      }
    }
    const slot = this.stored.get(idKey)!;
    const before = this.slabs.size(slot);
    this.slabs.put(bytesToStore(next), slot);
    noteStored(next, this.slabs.get(slot));
    this.decoded.set(idKey, next);
    for (const index of this.indexes.values()) index.add(next, idKey);
    if (this.options.capped) this.cappedBytes += this.slabs.size(slot) - before;
    return next;
  }

  remove(idKey: string): Document | undefined {
    const current = this.get(idKey);
    if (!current) return undefined;
    for (const index of this.indexes.values()) index.remove(current, idKey);
    const slot = this.stored.get(idKey)!;
    if (this.options.capped) this.cappedBytes -= this.slabs.size(slot);
    this.slabs.release(slot);
    this.stored.delete(idKey);
    this.decoded.delete(idKey);
    return current;
  }

  /** Builds a new index over the stored documents; refuses it when the data breaks uniqueness. */
  createIndex(spec: IndexSpec, force = false): void {
    const index = this.newIndex(spec);
    for (const [idKey, doc] of this.entries()) {
      if (!force) index.check(doc, idKey);
      index.add(doc, idKey);
    }
    this.indexes.set(spec.name, index);
  }

  dropIndex(name: string): void {
    if (name === ID_INDEX.name) throw faults.invalidOptions("cannot drop _id index");
    if (!this.indexes.delete(name)) throw faults.indexNotFound(name);
  }

  indexSpecs(): IndexSpec[] {
    return [...this.indexes.values()].map((i) => i.spec);
  }

  /**
   * The documents a filter can match, found through an index where one fits
   * (see {@link planQuery}), with the plan used. The caller still applies the filter.
   */
  candidates(
    filter: Document | undefined,
    options: { collation?: Document } = {},
  ): { docs: Document[]; plan: QueryPlan } {
    const { ids, plan } = planQuery(this, filter, options);
    if (!ids) return { docs: [...this.all()], plan };
    const found: Array<[string, number]> = [];
    for (const id of ids) {
      const slot = this.stored.get(id);
      if (slot !== undefined) found.push([id, slot]);
    }
    const remember = found.length <= REMEMBERED_LOOKUP || this.stored.size <= DECODED_LIMIT;
    const docs = found.map(([id, slot]) => this.read(id, slot, remember));
    return { docs, plan };
  }
}
