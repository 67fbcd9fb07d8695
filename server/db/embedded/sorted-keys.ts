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

const MAX_CHUNK = 1024;

function comparePrefix(key: unknown[], prefix: unknown[]): number {
  for (let i = 0; i < prefix.length; i += 1) {
    const c = compareValues(key[i], prefix[i]);
    if (c !== 0) return c;
  }
  return 0;
}

function compareEntries(a: KeyEntry, b: KeyEntry): number {
  const c = comparePrefix(a.key, b.key);
  if (c !== 0) return c;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Position of the first entry of a sorted chunk that is not below `entry`. */
function firstAtOrAbove(chunk: KeyEntry[], entry: KeyEntry): number {
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareEntries(chunk[mid]!, entry) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Index entries in MongoDB's value order, for range scans. Kept as a list of
 * sorted chunks of at most 1,024 entries: inserts and removals move at most one
 * chunk, which stays fast at millions of entries without the bookkeeping of a
 * full B-tree.
 */
export class SortedKeys {
  private chunks: KeyEntry[][] = [];
  private count = 0;
  private writes = 0;
  private dropped = false;

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
  static from(entries: KeyEntry[]): SortedKeys {
    const keys = new SortedKeys();
    entries.sort(compareEntries);
    for (let i = 0; i < entries.length; i += MAX_CHUNK / 2)
      keys.chunks.push(entries.slice(i, i + MAX_CHUNK / 2));
    keys.count = entries.length;
    return keys;
  }

  /** Index of the first chunk whose last entry is not below `entry`. */
  private chunkFor(entry: KeyEntry): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const chunk = this.chunks[mid]!;
      if (compareEntries(chunk[chunk.length - 1]!, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(entry: KeyEntry): void {
    this.count += 1;
    this.writes += 1;
    if (this.chunks.length === 0) {
      this.chunks.push([entry]);
      return;
    }
    const c = this.chunkFor(entry);
    const chunk = this.chunks[c]!;
    const lo = firstAtOrAbove(chunk, entry);
    chunk.splice(lo, 0, entry);
    if (chunk.length > MAX_CHUNK)
      this.chunks.splice(c, 1, chunk.slice(0, MAX_CHUNK / 2), chunk.slice(MAX_CHUNK / 2));
  }

  remove(entry: KeyEntry): boolean {
    if (this.chunks.length === 0) return false;
    const c = this.chunkFor(entry);
    const chunk = this.chunks[c]!;
    const lo = firstAtOrAbove(chunk, entry);
    if (lo >= chunk.length || compareEntries(chunk[lo]!, entry) !== 0) return false;
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
        const cmp = comparePrefix(chunk[chunk.length - 1]!.key, lower.key);
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
          const cmp = comparePrefix(chunk[mid]!.key, lower.key);
          if (cmp < 0 || (cmp === 0 && !lower.inclusive)) a = mid + 1;
          else b = mid;
        }
        i = a;
      }
    }
    for (; c < this.chunks.length; c += 1, i = 0) {
      const chunk = this.chunks[c]!;
      for (; i < chunk.length; i += 1) {
        const entry = chunk[i]!;
        if (upper) {
          const cmp = comparePrefix(entry.key, upper.key);
          if (cmp > 0 || (cmp === 0 && !upper.inclusive)) return;
        }
        yield entry;
      }
    }
  }
}
