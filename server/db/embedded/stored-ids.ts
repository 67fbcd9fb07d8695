import { grown } from "./document-slabs";

/** values.ts keys an ObjectId as this character and its twelve bytes, one character each. */
const O = "o".charCodeAt(0);
const OBJECT_ID_KEY_LENGTH = 13;
const GONE = -1;

/**
 * One collection's documents by `_id`: each id key (values.ts `keyString`) with
 * the slot of the document's bytes (document-slabs.ts), in insertion order, as a
 * `Map` keeps them and with its way of walking them while they change (a key
 * added during a walk is met, one removed before it is reached is not).
 *
 * An ObjectId id, nearly every document's, is held as its twelve bytes in typed
 * arrays: a reopen looks up every id it replays, and in a `Map` of millions of
 * strings each lookup hashes a new string and follows several pointers scattered
 * over the heap, where here it reads the table and the id's twelve bytes, and a
 * replay never makes the id's string. The string is made when first asked for
 * and kept, so that every index holding the id shares one. Any other id goes
 * through a `Map` by its key.
 */
export class StoredIds {
  /**
   * Open addressing with linear probing over `places` places, each two numbers:
   * 1 + the slot of an ObjectId id (0 where empty) and the id's hash, so that a
   * probe reads the id's bytes only when the hashes agree.
   */
  private table = new Int32Array(2 * 1024);
  private places = 1024;
  /** ObjectId ids in `table`. */
  private hashed = 0;
  /** Each slot's ObjectId as three big-endian words. */
  private words = new Int32Array(3 * 1024);
  /** Ids that are not ObjectIds, by key. */
  private readonly others = new Map<string, number>();
  /** Each slot's key once made; always there for one in `others`. */
  private readonly keyStrings: Array<string | undefined> = [];
  /** Slots in insertion order, GONE where one was removed, and the rising number each was given. */
  private order = new Int32Array(1024);
  private numbers = new Float64Array(1024);
  private length = 0;
  private removed = 0;
  private nextNumber = 0;
  /** Each held slot's place in `order`. */
  private placeOf = new Int32Array(1024);
  /** Changes whenever `order` is compacted, for a walk to find its place again. */
  private compactions = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(idKey: string): boolean {
    return this.get(idKey) !== undefined;
  }

  get(idKey: string): number | undefined {
    if (!isObjectIdKey(idKey)) return this.others.get(idKey);
    const slot = this.find(wordOf(idKey, 1), wordOf(idKey, 5), wordOf(idKey, 9));
    return slot < 0 ? undefined : slot;
  }

  /** The slot of the ObjectId whose twelve bytes start at `bytes[at]`, undefined when none. */
  getAt(bytes: Buffer, at: number): number | undefined {
    const slot = this.find(
      bytes.readInt32BE(at),
      bytes.readInt32BE(at + 4),
      bytes.readInt32BE(at + 8),
    );
    return slot < 0 ? undefined : slot;
  }

  /** Adds `idKey`, which is not held, with the slot of its document. */
  add(idKey: string, slot: number): void {
    this.place(slot);
    if (isObjectIdKey(idKey)) this.hash(slot, wordOf(idKey, 1), wordOf(idKey, 5), wordOf(idKey, 9));
    else this.others.set(idKey, slot);
    this.keyStrings[slot] = idKey;
  }

  /** Adds the ObjectId whose twelve bytes start at `bytes[at]`, not held, with its slot. */
  addAt(bytes: Buffer, at: number, slot: number): void {
    this.place(slot);
    this.hash(slot, bytes.readInt32BE(at), bytes.readInt32BE(at + 4), bytes.readInt32BE(at + 8));
  }

  /** Takes `idKey` out; its slot then no longer names it. */
  delete(idKey: string): boolean {
    const slot = this.get(idKey);
    if (slot === undefined) return false;
    if (isObjectIdKey(idKey)) this.unhash(slot);
    else this.others.delete(idKey);
    this.keyStrings[slot] = undefined;
    this.order[this.placeOf[slot]!] = GONE;
    this.removed += 1;
    this.count -= 1;
    return true;
  }

  /** The id key of a held slot. */
  keyOf(slot: number): string {
    let key = this.keyStrings[slot];
    if (key === undefined) {
      const at = slot * 3;
      const a = this.words[at]!;
      const b = this.words[at + 1]!;
      const c = this.words[at + 2]!;
      // prettier-ignore
      key = String.fromCharCode(O,
        (a >>> 24) & 255, (a >>> 16) & 255, (a >>> 8) & 255, a & 255,
        (b >>> 24) & 255, (b >>> 16) & 255, (b >>> 8) & 255, b & 255,
        (c >>> 24) & 255, (c >>> 16) & 255, (c >>> 8) & 255, c & 255);
      this.keyStrings[slot] = key;
    }
    return key;
  }

  /** The held slots in insertion order. */
  *values(): Generator<number> {
    let i = 0;
    let number = -1;
    let compactions = this.compactions;
    for (;;) {
      if (compactions !== this.compactions) {
        // `order` was compacted while the caller held the last slot: on from the first one after it.
        i = this.firstAfter(number);
        compactions = this.compactions;
      }
      while (i < this.length && this.order[i] === GONE) i += 1;
      if (i >= this.length) return;
      const slot = this.order[i]!;
      number = this.numbers[i]!;
      i += 1;
      yield slot;
    }
  }

  *keys(): Generator<string> {
    for (const slot of this.values()) yield this.keyOf(slot);
  }

  *[Symbol.iterator](): Generator<[string, number]> {
    for (const slot of this.values()) yield [this.keyOf(slot), slot];
  }

  /** Appends `slot` to the insertion order, making room in the arrays kept by slot. */
  private place(slot: number): void {
    if (this.length === this.order.length) {
      if (this.removed * 2 > this.length) this.compact();
      else {
        this.order = grown(this.order, this.order.length * 2);
        this.numbers = grown(this.numbers, this.numbers.length * 2);
      }
    }
    if (slot >= this.placeOf.length) {
      const size = Math.max(slot + 1, this.placeOf.length * 2);
      this.placeOf = grown(this.placeOf, size);
      this.words = grown(this.words, size * 3);
    }
    while (this.keyStrings.length <= slot) this.keyStrings.push(undefined);
    this.order[this.length] = slot;
    this.numbers[this.length] = this.nextNumber++;
    this.placeOf[slot] = this.length;
    this.length += 1;
    this.count += 1;
  }

  private compact(): void {
    let to = 0;
    for (let from = 0; from < this.length; from += 1) {
      const slot = this.order[from]!;
      if (slot === GONE) continue;
      this.order[to] = slot;
      this.numbers[to] = this.numbers[from]!;
      this.placeOf[slot] = to;
      to += 1;
    }
    this.length = to;
    this.removed = 0;
    this.compactions += 1;
  }

  /** The first place in `order` whose number is above `number`. */
  private firstAfter(number: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.numbers[mid]! <= number) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private find(w0: number, w1: number, w2: number): number {
    const { table, words } = this;
    const mask = this.places - 1;
    const hash = hashOf(w0, w1, w2);
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const held = table[2 * i]!;
      if (held === 0) return -1;
      if (table[2 * i + 1] !== hash) continue;
      const at = (held - 1) * 3;
      if (words[at] === w0 && words[at + 1] === w1 && words[at + 2] === w2) return held - 1;
    }
  }

  private hash(slot: number, w0: number, w1: number, w2: number): void {
    const at = slot * 3;
    this.words[at] = w0;
    this.words[at + 1] = w1;
    this.words[at + 2] = w2;
    // At most half full, so that a probe for an id not held ends after a few places.
    if ((this.hashed + 1) * 2 > this.places) this.rehash(this.places * 2);
    this.insert(slot, hashOf(w0, w1, w2));
    this.hashed += 1;
  }

  private insert(slot: number, hash: number): void {
    const { table } = this;
    const mask = this.places - 1;
    let i = hash & mask;
    while (table[2 * i] !== 0) i = (i + 1) & mask;
    table[2 * i] = slot + 1;
    table[2 * i + 1] = hash;
  }

  private rehash(places: number): void {
    const old = this.table;
    this.table = new Int32Array(2 * places);
    this.places = places;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0) this.insert(old[i]! - 1, old[i + 1]!);
  }

  /** Takes `slot` out of the table, moving back the entries its place kept from their own. */
  private unhash(slot: number): void {
    const { table } = this;
    const mask = this.places - 1;
    const at = slot * 3;
    let hole = hashOf(this.words[at]!, this.words[at + 1]!, this.words[at + 2]!) & mask;
    while (table[2 * hole] !== slot + 1) hole = (hole + 1) & mask;
    for (let i = (hole + 1) & mask; table[2 * i] !== 0; i = (i + 1) & mask) {
      const home = table[2 * i + 1]! & mask;
      // The entry at i may fill the hole unless its home lies cyclically in (hole, i].
      const stays = hole <= i ? home > hole && home <= i : home > hole || home <= i;
      if (!stays) {
        table[2 * hole] = table[2 * i]!;
        table[2 * hole + 1] = table[2 * i + 1]!;
        hole = i;
      }
    }
    table[2 * hole] = 0;
    this.hashed -= 1;
  }
}

function isObjectIdKey(idKey: string): boolean {
  return idKey.length === OBJECT_ID_KEY_LENGTH && idKey.charCodeAt(0) === O;
}

/** The big-endian word of an ObjectId key's characters from `at`. */
function wordOf(idKey: string, at: number): number {
  return (
    (idKey.charCodeAt(at) << 24) |
    (idKey.charCodeAt(at + 1) << 16) |
    (idKey.charCodeAt(at + 2) << 8) |
    idKey.charCodeAt(at + 3)
  );
}

/**
 * A hash that spreads all twelve bytes: an ObjectId's first four are a
 * timestamp shared by many ids and its last three a counter.
 */
function hashOf(w0: number, w1: number, w2: number): number {
  let h = Math.imul(w0, 0x9e3779b1) ^ Math.imul(w1, 0x85ebca77) ^ Math.imul(w2, 0xc2b2ae3d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}
