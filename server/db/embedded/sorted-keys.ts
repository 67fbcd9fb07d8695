import { compareValues } from "./compare";

/** One index entry: the values of the indexed fields and the document's id key. */
export interface KeyEntry {
  key: unknown[];
  id: string;
}

/** One end of a range: a prefix of the indexed fields' values. */
export interface Bound {
  key: unknown[];
  inclusive: boolean;
}

/**
 * How ordered keys hold each entry: the entry itself (the whole index's keys),
 * or its document's id alone, the key read again from the document when it is
 * compared (one first-field value's keys, indexes.ts `partFor`).
 */
export interface Holding<T> {
  /** The entry's key; the id's document is read for it when only the id is held. */
  keyOf(item: T): unknown[];
  idOf(item: T): string;
  /** What is held for `entry`. */
  hold(entry: KeyEntry): T;
  /** The entry `item` stands for, as a reader of a range receives it. */
  entryOf(item: T): KeyEntry;
}

/** Entries held as they are. */
const ENTRIES: Holding<KeyEntry> = {
  keyOf: (entry) => entry.key,
  idOf: (entry) => entry.id,
  hold: (entry) => entry,
  entryOf: (entry) => entry,
};

/** Ordered keys as an index's readers and writers use them, whatever each holds. */
export interface OrderedKeys {
  readonly size: number;
  /** See SortedKeys `changes`. */
  readonly changes: number;
  /** See SortedKeys `retired`. */
  readonly retired: boolean;
  retire(): void;
  insert(entry: KeyEntry): void;
  remove(entry: KeyEntry): boolean;
  range(lower?: Bound, upper?: Bound): Generator<KeyEntry>;
}

const MAX_CHUNK = 1024;

function comparePrefix(key: unknown[], prefix: unknown[]): number {
  for (let i = 0; i < prefix.length; i += 1) {
    const c = compareValues(key[i], prefix[i]);
    if (c !== 0) return c;
  }
  return 0;
}

/** The entry of `key` and `id` against `entry`: by key, then by id. */
function compareWith(key: unknown[], id: string, entry: KeyEntry): number {
  const c = comparePrefix(key, entry.key);
  if (c !== 0) return c;
  return id < entry.id ? -1 : id > entry.id ? 1 : 0;
}

function compareEntries(a: KeyEntry, b: KeyEntry): number {
  return compareWith(a.key, a.id, b);
}

/**
 * Index entries in MongoDB's value order, for range scans. Kept as a list of
 * sorted chunks of at most 1,024 entries: inserts and removals move at most one
 * chunk, which stays fast at millions of entries without the bookkeeping of a
 * full B-tree. Each entry is held as its `Holding` says.
 */
export class SortedKeys<T = KeyEntry> implements OrderedKeys {
  private chunks: T[][] = [];
  private count = 0;
  private writes = 0;
  private dropped = false;

  constructor(private readonly holding: Holding<T> = ENTRIES as unknown as Holding<T>) {}

  get size(): number {
    return this.count;
  }

  /**
   * How many times the entries changed: a reader that keeps its place in a
   * {@link range} between reads reads on while this stays the same, and looks
   * its place up again once it moved (the chunks under it may have shifted).
   */
  get changes(): number {
    return this.writes;
  }

  /**
   * True once its index let these keys go (indexes.ts `PART_ENTRIES_KEPT`):
   * they are no longer kept up to date, so a reader that holds them between
   * reads asks its index for the ordering again.
   */
  get retired(): boolean {
    return this.dropped;
  }

  /** Marks these keys let go; counted as a change, so a reader looks again. */
  retire(): void {
    this.dropped = true;
    this.writes += 1;
  }

  /**
   * All of `entries` at once (an index's keys built on its first range scan):
   * one sort, then chunks half full so later inserts seldom split one. Far
   * cheaper than inserting them one by one, and near O(n) when they come
   * nearly in order, as ids and keys of documents stored in order do.
   */
  static from(entries: KeyEntry[]): SortedKeys;
  static from<T>(entries: KeyEntry[], holding: Holding<T>): SortedKeys<T>;
  static from<T>(entries: KeyEntry[], holding?: Holding<T>): SortedKeys<T> {
    const keys = new SortedKeys<T>(holding);
    entries.sort(compareEntries);
    for (let i = 0; i < entries.length; i += MAX_CHUNK / 2) {
      const chunk = entries.slice(i, i + MAX_CHUNK / 2);
      keys.chunks.push(holding ? chunk.map((e) => holding.hold(e)) : (chunk as T[]));
    }
    keys.count = entries.length;
    return keys;
  }

  /** `item` against `entry`, by key, then by id. */
  private compare(item: T, entry: KeyEntry): number {
    return compareWith(this.holding.keyOf(item), this.holding.idOf(item), entry);
  }

  /** Position of the first item of a sorted chunk that is not below `entry`. */
  private firstAtOrAbove(chunk: T[], entry: KeyEntry): number {
    let lo = 0;
    let hi = chunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(chunk[mid]!, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first chunk whose last entry is not below `entry`. */
  private chunkFor(entry: KeyEntry): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const chunk = this.chunks[mid]!;
      if (this.compare(chunk[chunk.length - 1]!, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(entry: KeyEntry): void {
    this.count += 1;
    this.writes += 1;
    if (this.chunks.length === 0) {
      this.chunks.push([this.holding.hold(entry)]);
      return;
    }
    const c = this.chunkFor(entry);
    const chunk = this.chunks[c]!;
    const lo = this.firstAtOrAbove(chunk, entry);
    chunk.splice(lo, 0, this.holding.hold(entry));
    if (chunk.length > MAX_CHUNK)
      this.chunks.splice(c, 1, chunk.slice(0, MAX_CHUNK / 2), chunk.slice(MAX_CHUNK / 2));
  }

  remove(entry: KeyEntry): boolean {
    if (this.chunks.length === 0) return false;
    const c = this.chunkFor(entry);
    const chunk = this.chunks[c]!;
    const lo = this.firstAtOrAbove(chunk, entry);
    if (lo >= chunk.length || this.compare(chunk[lo]!, entry) !== 0) return false;
    chunk.splice(lo, 1);
    if (chunk.length === 0) this.chunks.splice(c, 1);
    this.count -= 1;
    this.writes += 1;
    return true;
  }

  clear(): void {
    this.chunks = [];
    this.count = 0;
    this.writes += 1;
  }

  /** Entries between two bounds (each optional), in order. */
  *range(lower?: Bound, upper?: Bound): Generator<KeyEntry> {
    let c = 0;
    let i = 0;
    if (lower) {
      // First chunk whose last entry reaches the lower bound.
      let lo = 0;
      let hi = this.chunks.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const chunk = this.chunks[mid]!;
        const cmp = comparePrefix(this.holding.keyOf(chunk[chunk.length - 1]!), lower.key);
        if (cmp < 0 || (cmp === 0 && !lower.inclusive)) lo = mid + 1;
        else hi = mid;
      }
      c = lo;
      const chunk = this.chunks[c];
      if (chunk) {
        let a = 0;
        let b = chunk.length;
        while (a < b) {
          const mid = (a + b) >> 1;
          const cmp = comparePrefix(this.holding.keyOf(chunk[mid]!), lower.key);
          if (cmp < 0 || (cmp === 0 && !lower.inclusive)) a = mid + 1;
          else b = mid;
        }
        i = a;
      }
    }
    for (; c < this.chunks.length; c += 1, i = 0) {
      const chunk = this.chunks[c]!;
      for (; i < chunk.length; i += 1) {
        const entry = this.holding.entryOf(chunk[i]!);
        if (upper) {
          const cmp = comparePrefix(entry.key, upper.key);
          if (cmp > 0 || (cmp === 0 && !upper.inclusive)) return;
        }
        yield entry;
      }
    }
  }
}
