import type { Document } from "bson";
import { Query } from "./mingo";
import { faults } from "./errors";
import { QUERY_OPTIONS } from "./query";
import { KeyHash, leadOf } from "./key-hash";
import {
  SortedKeys,
  type Bound,
  type Holding,
  type KeyEntry,
  type OrderedKeys,
} from "./sorted-keys";
import { decodeStored } from "./stored-document";
import { StoredElements, StoredKeyReader } from "./stored-keys";
import { keyString, valuesAt } from "./values";

/** An index as `listIndexes` reports it and `createIndexes` receives it. */
export interface IndexSpec extends Document {
  v?: number;
  key: Record<string, number | string>;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
  /** Kept up to date, enforced when unique, but not used by the query planner. */
  hidden?: boolean;
}

/**
 * How many entries an index keeps ordered for single first-field values
 * (`Index.parts`) before it lets the least recently read go: an export of
 * every wave orders each wave's keys once, and keeping them all would hold
 * the whole index in value order. The part read last is kept whatever its size.
 */
export const PART_ENTRIES_KEPT = 100_000;

const COMPARED_OPTIONS = [
  "unique",
  "sparse",
  "partialFilterExpression",
  "expireAfterSeconds",
  "collation",
] as const;

/** The default name MongoDB gives an index: `field_1_other_-1`. */
export function defaultIndexName(key: Record<string, unknown>): string {
  return Object.entries(key)
    .map(([field, dir]) => `${field}_${String(dir)}`)
    .join("_");
}

/** True when two specs differ in an option that changes what the index does. */
export function optionsDiffer(a: IndexSpec, b: IndexSpec): boolean {
  return COMPARED_OPTIONS.some(
    (o) =>
      keyString(a[o] ?? (o === "unique" || o === "sparse" ? false : null)) !==
      keyString(b[o] ?? (o === "unique" || o === "sparse" ? false : null)),
  );
}

/**
 * How an index with a case- (strength 2) or accent-insensitive (strength 1)
 * collation folds strings for its keys, so a unique index refuses "abc"
 * beside "ABC". Such an index serves no query (see planner.ts).
 */
function foldOf(collation: Document | undefined): ((s: string) => string) | undefined {
  if (!collation || collation.locale === "simple") return undefined;
  const strength = typeof collation.strength === "number" ? collation.strength : 3;
  if (strength > 2) return undefined;
  const locale = String(collation.locale).replace(/_/g, "-");
  return strength === 1
    ? (s) => s.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase(locale)
    : (s) => s.toLocaleLowerCase(locale);
}

/** What an index reads of its collection's documents. */
export interface IndexSource {
  /** Every document with its id key. */
  docs(): Iterable<[string, Document]>;
  /** Every document's stored bytes, to order keys without decoding; kept as long as needed. */
  stored?(): Iterable<[string, Buffer]>;
  /**
   * Every document's stored bytes, each valid only until the next is read: a
   * deferred build of the hash, which keeps keys made from them and nothing else.
   */
  scanned?(): Iterable<[string, Buffer]>;
  /** One document's stored bytes, to order the keys of one first-field value. */
  bytes?(idKey: string): Buffer | undefined;
}

/**
 * One index of a collection. A hash of index keys answers unique checks and
 * equality lookups; the same keys in value order answer range scans. Several
 * ids per key are allowed while a journal replays, when states in between may
 * briefly overlap.
 */
export class Index {
  readonly fields: string[];
  private readonly paths: string[][];
  private readonly partial?: Query;
  /** Every field plain (not dotted), and the index neither sparse nor partial. */
  private readonly plainFields: boolean;
  /** Index key → holder id(s). Not kept for _id, whose documents the collection already maps by id. */
  private readonly hashed?: KeyHash;
  /** Keys in value order; built on the first range scan, then kept up to date. */
  private sorted?: SortedKeys;
  /**
   * A compound index's keys in value order for single values of its first field,
   * each built on the first range scan that keeps to its value (while `sorted`
   * is not built), then kept up to date: reading one wave's panel members orders
   * that wave's keys, not the millions of every wave's. Least recently read
   * first, within PART_ENTRIES_KEPT. While each document holds one key here, a
   * part holds its documents' ids alone and reads a key from the document's
   * bytes when it compares one (`byId`): an export orders every wave in turn,
   * and a part lives through its wave's read, long enough to outlive the young
   * generation, so whatever it holds per document stays in the heap until the
   * next full collection.
   */
  private readonly parts = new Map<string, OrderedKeys>();
  /** How a part holds its entries while each document holds one key (see `parts`). */
  private readonly byId: Holding<string> = {
    keyOf: (idKey) => this.keyAt(idKey),
    idOf: (idKey) => idKey,
    hold: (entry) => entry.id,
    entryOf: (idKey) => ({ key: this.keyAt(idKey), id: idKey }),
  };
  /** Set once a document held several keys (an array in an indexed field); never unset. */
  private severalKeys = false;
  private readonly source: IndexSource;
  /** Folds strings for keys when the index's collation ignores case or accents. */
  private readonly fold?: (s: string) => string;
  /** Reads this index's key from a stored document's bytes, when replaying a snapshot or journal. */
  private readonly stored: StoredKeyReader;
  /**
   * Set while the hash is left to be built from the stored documents (`defer`):
   * `next` walks them once the build has started, and from then on every write
   * keeps the hash up to date as well.
   */
  private unbuilt?: { next?: Iterator<[string, Buffer]> };

  constructor(
    readonly ns: string,
    readonly spec: IndexSpec,
    source: IndexSource = { docs: () => [] },
  ) {
    this.source = source;
    this.fold = foldOf(spec.collation as Document | undefined);
    this.fields = Object.keys(spec.key);
    this.paths = this.fields.map((f) => f.split("."));
    if (spec.partialFilterExpression)
      this.partial = new Query(spec.partialFilterExpression, QUERY_OPTIONS);
    if (spec.name !== "_id_") this.hashed = new KeyHash(this.fields.length > 1);
    this.plainFields =
      this.paths.every((p) => p.length === 1) && !this.partial && !this.spec.sparse;
    this.stored = new StoredKeyReader(this.fields, this.spec.sparse === true, this.fold);
  }

  get name(): string {
    return this.spec.name;
  }

  get unique(): boolean {
    return this.spec.unique === true || this.spec.name === "_id_";
  }

  /** One plain (not dotted) field, neither sparse nor partial, compared binary. */
  private get simple(): boolean {
    return (
      this.paths.length === 1 &&
      this.paths[0]!.length === 1 &&
      !this.partial &&
      !this.spec.sparse &&
      !this.fold
    );
  }

  /**
   * Leaves this index's hash to be built later from the stored documents
   * (`buildSome`), for a collection being replayed: inserting a key per
   * document into the hashes of a large store is most of a reopen's work, and
   * the store can answer before they hold them. A unique index finishes its
   * build before it checks a write (`check`), so the first duplicate written
   * after the reopen is refused; duplicates already in the data are held by
   * each of their documents, as a replay into the hash held them.
   */
  defer(): void {
    if (!this.hashed || !this.source.scanned || this.unbuilt) return;
    this.hashed.clear();
    this.dropParts();
    this.unbuilt = {};
  }

  /** True while the hash is left to be built (see `defer`). */
  get deferred(): boolean {
    return this.unbuilt !== undefined;
  }

  /**
   * Hashes up to `limit` more stored documents of a deferred build; true when
   * the hash is complete. Documents are read as they are now: one written
   * after the build started is in the hash already, and hashing it again adds
   * nothing, and one removed before the build reached it is never read.
   */
  buildSome(limit: number): boolean {
    const build = this.unbuilt;
    if (!build) return true;
    build.next ??= this.source.scanned!()[Symbol.iterator]();
    for (let n = 0; n < limit; n += 1) {
      const step = build.next.next();
      if (step.done) {
        this.unbuilt = undefined;
        return true;
      }
      const [idKey, bytes] = step.value;
      if (this.partial || !BUILT.read(bytes) || !this.holdStored(BUILT, idKey))
        this.hash(decodeStored(bytes), idKey);
    }
    return false;
  }

  /** Finishes the build of a deferred unique index, which `check` reads. */
  readyToCheck(): void {
    if (this.unique) this.ready();
  }

  /** Finishes a deferred build before the hash is read. */
  private ready(): void {
    if (this.unbuilt) this.buildSome(Infinity);
  }

  /** True while writes leave the hash alone: deferred, its build not yet started. */
  private get waiting(): boolean {
    return this.unbuilt !== undefined && this.unbuilt.next === undefined;
  }

  /**
   * True while a stored document's keys need not reach this index: no hash is
   * kept now (the `_id` index has none, a deferred one waits) and no keys are ordered.
   */
  get keysLeftAlone(): boolean {
    return (this.hashed === undefined || this.waiting) && !this.ordersKeys;
  }

  private hold(hash: string, idKey: string): void {
    this.hashed!.hold(hash, idKey);
  }

  /** A hidden index answers no query (the planner and hints pass it by) but is kept and enforced. */
  get hidden(): boolean {
    return this.spec.hidden === true;
  }

  /** True when every document the query can match is in this index (not partial). */
  get complete(): boolean {
    return !this.partial;
  }

  get sparse(): boolean {
    return this.spec.sparse === true;
  }

  /** The key tuples of a document (several for arrays); none when sparse or partial leave it out. */
  tuplesOf(doc: Document): unknown[][] {
    // The common case, plain (not dotted) fields holding scalars in an index neither sparse
    // nor partial: one tuple, without the general path's arrays of values and combinations.
    if (this.plainFields) {
      const tuple = this.scalarTuple(doc);
      if (tuple) return [tuple];
    }
    if (this.partial && !this.partial.test(doc)) return [];
    const perField = this.paths.map((p) => valuesAt(doc, p));
    if (this.spec.sparse && perField.every((values) => values.every((v) => v === undefined)))
      return [];
    let combos: unknown[][] = [[]];
    for (const values of perField)
      combos = combos.flatMap((c) => values.map((v) => [...c, v ?? null]));
    if (combos.length === 1) return combos;
    const unique = new Map<string, unknown[]>();
    for (const c of combos) unique.set(keyString(c), c);
    return [...unique.values()];
  }

  /** The values of the plain fields in order, or undefined when one holds an array. */
  private scalarTuple(doc: Document): unknown[] | undefined {
    // Made at its length: a tuple grown by push keeps the spare room V8 gave it at the
    // first push (test/db/key-tuple-size.test.ts), and ordered keys hold one per document.
    const tuple = new Array<unknown>(this.fields.length);
    for (let i = 0; i < tuple.length; i += 1) {
      const value = doc[this.fields[i]!];
      if (Array.isArray(value)) return undefined;
      tuple[i] = value ?? null;
    }
    return tuple;
  }

  private hashOf(tuple: unknown[]): string {
    const folded = this.fold
      ? tuple.map((v) => (typeof v === "string" ? this.fold!(v) : v))
      : tuple;
    return keyString(folded.length === 1 ? folded[0] : folded);
  }

  /** Throws 11000 when another document already holds one of `doc`'s keys. */
  check(doc: Document, idKey: string): void {
    if (!this.unique || !this.hashed) return;
    this.ready();
    for (const tuple of this.tuplesOf(doc)) {
      const holders = this.hashed.get(this.hashOf(tuple));
      const taken =
        typeof holders === "string"
          ? holders !== idKey
          : holders !== undefined && (holders.size > 1 || !holders.has(idKey));
      if (taken) {
        const keyPattern = Object.fromEntries(this.fields.map((f) => [f, this.spec.key[f]]));
        const keyValue = Object.fromEntries(this.fields.map((f, i) => [f, tuple[i]]));
        throw faults.duplicateKey(this.ns, this.name, keyPattern, keyValue);
      }
    }
  }

  add(doc: Document, idKey: string): void {
    // The _id index keeps no hash, and its ordered keys only once a range scan asked for them.
    const hashing = this.hashed !== undefined && !this.waiting;
    if (!this.ordersKeys) {
      if (hashing) this.hash(doc, idKey);
      return;
    }
    const tuples = this.tuplesOf(doc);
    if (tuples.length > 1 && !this.severalKeys) {
      this.severalKeys = true;
      // Parts held by id read one key per document: the next read orders its value again.
      this.dropParts();
    }
    for (const tuple of tuples) {
      const hash = this.hashOf(tuple);
      if (hashing) this.hold(hash, idKey);
      const entry = { key: tuple, id: idKey };
      this.sorted?.insert(entry);
      this.partOf(hash)?.insert(entry);
    }
  }

  /** True once keys are kept in value order (the whole index's, or a first-field value's). */
  private get ordersKeys(): boolean {
    return this.sorted !== undefined || this.parts.size > 0;
  }

  /** The ordered keys of `hash`'s first-field value, when a scan has built them. */
  private partOf(hash: string): OrderedKeys | undefined {
    return this.parts.size === 0 ? undefined : this.parts.get(leadOf(hash));
  }

  /** Puts `doc`'s keys in the hash. */
  private hash(doc: Document, idKey: string): void {
    if (this.simple) {
      // One plain field holding a scalar (most indexes, most documents): no tuple arrays.
      const value = doc[this.fields[0]!];
      if (!Array.isArray(value)) {
        this.hold(keyString(value ?? null), idKey);
        return;
      }
    }
    // One id is kept as a plain string: most keys of most indexes have a single holder.
    const tuples = this.tuplesOf(doc);
    if (tuples.length > 1) this.severalKeys = true;
    for (const tuple of tuples) this.hold(this.hashOf(tuple), idKey);
  }

  /**
   * Adds the key of a stored document read from its bytes (`top` holds its
   * elements), without decoding it. False when only the decoded document can
   * give the keys (an array in an indexed field, a partial index, ordered keys
   * already built): the caller then calls `add` with the decoded document.
   */
  addStored(top: StoredElements, idKey: string): boolean {
    if (this.keysLeftAlone) return true;
    if (this.ordersKeys || this.partial) return false;
    return this.holdStored(top, idKey);
  }

  /** Puts the key read from a stored document's bytes in the hash; false when only decoding gives it. */
  private holdStored(top: StoredElements, idKey: string): boolean {
    const key = this.stored.keyOf(top);
    if (key === undefined) return false;
    if (key !== null) this.hold(key, idKey);
    return true;
  }

  /** Takes out the key `addStored` added for the same bytes; false as there. */
  removeStored(top: StoredElements, idKey: string): boolean {
    if (this.keysLeftAlone) return true;
    if (this.ordersKeys || this.partial) return false;
    const key = this.stored.keyOf(top);
    if (key === undefined) return false;
    if (key !== null) this.release(key, idKey);
    return true;
  }

  private release(hash: string, idKey: string): void {
    this.hashed!.release(hash, idKey);
  }

  /** Each key of the index with the ids that hold it, to check an index against its documents. */
  *keyHolders(): Generator<[string, Iterable<string>]> {
    this.ready();
    if (this.hashed) {
      for (const [key, holders] of this.hashed.entries())
        yield [key, typeof holders === "string" ? [holders] : holders];
      return;
    }
    const byKey = new Map<string, string[]>();
    for (const [idKey, doc] of this.source.docs())
      for (const tuple of this.tuplesOf(doc)) {
        const key = this.hashOf(tuple);
        const holders = byKey.get(key);
        if (holders) holders.push(idKey);
        else byKey.set(key, [idKey]);
      }
    yield* byKey;
  }

  remove(doc: Document, idKey: string): void {
    const hashing = this.hashed !== undefined && !this.waiting;
    if (!hashing && !this.ordersKeys) return;
    for (const tuple of this.tuplesOf(doc)) {
      const hash = this.hashOf(tuple);
      if (hashing) this.release(hash, idKey);
      const entry = { key: tuple, id: idKey };
      this.sorted?.remove(entry);
      this.partOf(hash)?.remove(entry);
    }
  }

  /** Ids of documents whose full index key equals `tuple`. */
  lookup(tuple: unknown[]): Iterable<string> {
    this.ready();
    if (!this.hashed)
      return [...this.scan({ key: tuple, inclusive: true }, { key: tuple, inclusive: true })];
    const holders = this.hashed.get(this.hashOf(tuple));
    return holders === undefined ? [] : typeof holders === "string" ? [holders] : holders;
  }

  /** Ids of documents with keys between two bounds on a prefix of the fields. */
  *scan(lower?: Bound, upper?: Bound): Generator<string> {
    for (const entry of this.ordering(lower, upper).range(lower, upper)) yield entry.id;
  }

  /**
   * The keys in value order that hold every entry between two bounds: those
   * of the bounds' one first-field value when both keep to it (built for that
   * value alone unless the whole index's are), else the whole index's, built
   * on the first such scan. A reader that keeps its place between reads
   * (commands/streamed-find.ts) watches the `changes` of what this returned.
   */
  ordering(lower?: Bound, upper?: Bound): OrderedKeys {
    return (!this.sorted && this.partFor(lower, upper)) || this.ordered();
  }

  /**
   * True when no document has held several keys here (no array in an indexed
   * field): a walk in key order then meets each document once.
   */
  get oneKeyEach(): boolean {
    this.ready();
    return !this.severalKeys;
  }

  private ordered(): SortedKeys {
    if (!this.sorted) {
      this.sorted = SortedKeys.from(
        this.source.stored ? this.entriesFromBytes() : this.entriesFromDocs(),
      );
      // The whole order answers every value's ranges from now on.
      this.dropParts();
    }
    return this.sorted;
  }

  /** Entries held in value order: the whole index's, or single values' (see `parts`). */
  get orderedEntries(): number {
    let held = this.sorted?.size ?? 0;
    for (const part of this.parts.values()) held += part.size;
    return held;
  }

  /** Lets every first-field value's ordered keys go; a reader still on one asks again. */
  private dropParts(): void {
    for (const part of this.parts.values()) part.retire();
    this.parts.clear();
  }

  /** Lets the least recently read values' ordered keys go while they hold more than the budget. */
  private keepPartsInBudget(): void {
    // Values' keys are kept only while the whole index's are not, so these are all of them.
    let held = this.orderedEntries;
    for (const [lead, part] of this.parts) {
      if (held <= PART_ENTRIES_KEPT || this.parts.size === 1) return;
      this.parts.delete(lead);
      part.retire();
      held -= part.size;
    }
  }

  /** The ordered keys of the first-field value both bounds keep to, or undefined. */
  private partFor(lower?: Bound, upper?: Bound): OrderedKeys | undefined {
    if (!this.hashed || this.fields.length < 2 || this.partial || !this.source.bytes)
      return undefined;
    if (!lower || !upper || lower.key.length === 0 || upper.key.length === 0) return undefined;
    // A bound on the first field alone, left out, reaches past its value's keys.
    if (
      (lower.key.length === 1 && !lower.inclusive) ||
      (upper.key.length === 1 && !upper.inclusive)
    )
      return undefined;
    // A one-value tuple's hash is that value's key, as the first part of a compound key holds it.
    const lead = this.hashOf([lower.key[0]]);
    if (this.hashOf([upper.key[0]]) !== lead) return undefined;
    let part = this.parts.get(lead);
    if (part) {
      // Read last, so let go last.
      this.parts.delete(lead);
      this.parts.set(lead, part);
    } else {
      this.ready();
      const { entries, oneEach } = this.entriesWithLead(lead);
      part = oneEach ? SortedKeys.from(entries, this.byId) : SortedKeys.from(entries);
      this.parts.set(lead, part);
      this.keepPartsInBudget();
    }
    return part;
  }

  /**
   * The entries whose first field's key is `lead`, read from their documents'
   * bytes, and whether each document gave one.
   */
  private entriesWithLead(lead: string): { entries: KeyEntry[]; oneEach: boolean } {
    const entries: KeyEntry[] = [];
    let oneEach = !this.severalKeys;
    // A document with an array in a later field holds several keys under the same value.
    for (const idKey of new Set(this.hashed!.withLead(lead))) {
      const bytes = this.source.bytes!(idKey);
      if (!bytes) continue;
      const tuple = SCANNED.read(bytes) ? this.stored.tupleOf(SCANNED) : undefined;
      if (tuple) {
        entries.push({ key: tuple, id: idKey });
        continue;
      }
      const before = entries.length;
      for (const t of this.tuplesOf(decodeStored(bytes)))
        if (leadOf(this.hashOf(t)) === lead) entries.push({ key: t, id: idKey });
      if (entries.length - before > 1) oneEach = false;
    }
    return { entries, oneEach };
  }

  /**
   * The key of the document under `idKey` in a part held by id: read from its
   * bytes, or from the decoded document where only decoding gives it. Parts
   * are held by id only while each document holds one key (see `parts`), and
   * a collection takes a document's keys out before its bytes change and puts
   * them in after, so the bytes hold the key the part holds.
   */
  private keyAt(idKey: string): unknown[] {
    const bytes = this.source.bytes!(idKey);
    if (!bytes) throw new Error(`${this.ns} ${this.name}: ordered keys hold ${idKey}, not stored`);
    const tuple = HELD.read(bytes) ? this.stored.tupleOf(HELD) : undefined;
    return tuple ?? this.tuplesOf(decodeStored(bytes))[0]!;
  }

  /**
   * How many documents hold keys whose first field's value is `value`, counted
   * from the hash without ordering them; undefined where the hash cannot tell
   * (a single-field, partial or sparse index, which leaves some documents out, or
   * documents with several keys, which a count must not count twice).
   */
  countWithLead(value: unknown): number | undefined {
    if (!this.hashed || this.fields.length < 2 || this.partial || this.sparse) return undefined;
    this.ready();
    if (this.severalKeys) return undefined;
    return this.hashed.countWithLead(this.hashOf([value]));
  }

  private entriesFromDocs(): KeyEntry[] {
    const entries: KeyEntry[] = [];
    for (const [idKey, doc] of this.source.docs()) {
      for (const tuple of this.tuplesOf(doc)) entries.push({ key: tuple, id: idKey });
    }
    return entries;
  }

  /**
   * Every document's key tuple read from its stored bytes (stored-keys.ts): the
   * first range scan after a store opens no longer decodes every document. The
   * documents whose keys only decoding gives are decoded, as in `addStored`.
   */
  private entriesFromBytes(): KeyEntry[] {
    const entries: KeyEntry[] = [];
    for (const [idKey, bytes] of this.source.stored!()) {
      const tuple = !this.partial && SCANNED.read(bytes) ? this.stored.tupleOf(SCANNED) : undefined;
      if (tuple === null) continue; // a sparse index leaves it out
      if (tuple !== undefined) entries.push({ key: tuple, id: idKey });
      else for (const t of this.tuplesOf(decodeStored(bytes))) entries.push({ key: t, id: idKey });
    }
    return entries;
  }
}

/** The elements of the document whose keys a range scan's first build reads. */
const SCANNED = new StoredElements();
/** The elements of the document whose keys a deferred hash's build reads. */
const BUILT = new StoredElements();
/** The elements of the document whose key a part held by id compares. */
const HELD = new StoredElements();
