/**
 * The BSON bytes of one collection's documents, packed end to end in large
 * buffers (slabs) instead of one Buffer per document. A Buffer object costs
 * about a hundred bytes of V8 heap whatever its size, a tenth of a typical
 * response's BSON; here a document costs its bytes and two integers, which is
 * what lets millions of documents fit one machine's heap (issue 23).
 *
 * A document is known by a slot number, which stays its own across updates.
 * Written bytes are never overwritten: a change appends the new bytes and
 * leaves the old ones dead, so a view handed out earlier stays exact. Once the
 * dead bytes outweigh the live ones the live documents are copied into fresh
 * slabs and the old slabs are left to the garbage collector (a view still in
 * use keeps its slab alive until it is dropped).
 */

/** The smallest slab: a collection of a few small documents stays small. */
const MIN_SLAB = 16 * 1024;
/** The largest slab, unless one document needs more. */
const MAX_SLAB = 4 * 1024 * 1024;
/** Dead bytes below this are never worth a copy. */
const MIN_DEAD_TO_COMPACT = 64 * 1024;
/** Where a freed slot says it holds nothing. */
const FREE = -1;

/** The stored bytes of a set of slots at one moment, for a snapshot taken while writes go on. */
export interface FrozenDocuments {
  readonly length: number;
  slice(start: number, end: number): Buffer[];
}

/** Append-only slabs of BSON documents addressed by slot. */
export class DocumentSlabs {
  /** Slab number → slab; numbers are never reused, so (slab, offset) names one write forever. */
  private readonly slabs = new Map<number, Buffer>();
  /** Live bytes per slab, to drop a slab as soon as nothing in it is live. */
  private readonly liveIn = new Map<number, number>();
  /** Bytes written per slab, live or dead. */
  private readonly writtenIn = new Map<number, number>();
  private nextSlab = 0;
  private current = -1;
  private used = 0;
  private slabOf = new Int32Array(64).fill(FREE);
  private offsetOf = new Int32Array(64);
  /** The number of the write that put each slot's bytes: compaction moves bytes, not writes. */
  private writeOf = new Float64Array(64);
  private writes = 0;
  private readonly freeSlots: number[] = [];
  private highSlot = 0;
  /** Bytes of the documents held now. */
  liveBytes = 0;
  private deadBytes = 0;

  /** Stores `bytes` (one BSON document) in a new slot, or in place of `slot`'s document. */
  put(bytes: Uint8Array, slot?: number): number {
    if (slot === undefined) slot = this.takeSlot();
    else this.kill(slot);
    this.append(slot, bytes);
    this.writes += 1;
    this.writeOf[slot] = this.writes;
    this.compactIfWorthIt();
    return slot;
  }

  /** Forgets the document in `slot`; the slot may be handed out again. */
  release(slot: number): void {
    this.kill(slot);
    this.slabOf[slot] = FREE;
    this.freeSlots.push(slot);
    this.compactIfWorthIt();
  }

  /** A view of `slot`'s bytes (no copy); it stays exact after later writes. */
  get(slot: number): Buffer {
    const slab = this.slabs.get(this.slabOf[slot]!)!;
    const offset = this.offsetOf[slot]!;
    return slab.subarray(offset, offset + slab.readInt32LE(offset));
  }

  /** Byte length of `slot`'s document. */
  size(slot: number): number {
    return this.slabs.get(this.slabOf[slot]!)!.readInt32LE(this.offsetOf[slot]!);
  }

  /** A number that names the write that put `slot`'s current bytes, different for every write. */
  version(slot: number): number {
    return this.writeOf[slot]!;
  }

  /** The bytes of `slots` as they are now: later writes append elsewhere, so views stay exact. */
  freeze(slots: readonly number[]): FrozenDocuments {
    const slabs = Int32Array.from(slots, (s) => this.slabOf[s]!);
    const offsets = Int32Array.from(slots, (s) => this.offsetOf[s]!);
    const held = new Map(this.slabs);
    return {
      length: slots.length,
      slice(start, end) {
        const out: Buffer[] = [];
        for (let i = start; i < Math.min(end, slots.length); i += 1) {
          const slab = held.get(slabs[i]!)!;
          out.push(slab.subarray(offsets[i]!, offsets[i]! + slab.readInt32LE(offsets[i]!)));
        }
        return out;
      },
    };
  }

  private takeSlot(): number {
    const reused = this.freeSlots.pop();
    if (reused !== undefined) return reused;
    if (this.highSlot === this.slabOf.length) {
      const slabOf = new Int32Array(this.slabOf.length * 2).fill(FREE);
      slabOf.set(this.slabOf);
      this.slabOf = slabOf;
      const offsetOf = new Int32Array(this.offsetOf.length * 2);
      offsetOf.set(this.offsetOf);
      this.offsetOf = offsetOf;
      const writeOf = new Float64Array(this.writeOf.length * 2);
      writeOf.set(this.writeOf);
      this.writeOf = writeOf;
    }
    return this.highSlot++;
  }

  /** Counts `slot`'s current bytes as dead, dropping their slab when nothing in it lives. */
  private kill(slot: number): void {
    const slab = this.slabOf[slot]!;
    if (slab === FREE) return;
    const size = this.size(slot);
    this.liveBytes -= size;
    this.deadBytes += size;
    const left = this.liveIn.get(slab)! - size;
    if (left > 0 || slab === this.current) this.liveIn.set(slab, left);
    else this.drop(slab);
  }

  /** Lets go of a slab with nothing live in it. */
  private drop(slab: number): void {
    this.deadBytes -= this.writtenIn.get(slab) ?? 0;
    this.liveIn.delete(slab);
    this.writtenIn.delete(slab);
    this.slabs.delete(slab);
  }

  private append(slot: number, bytes: Uint8Array): void {
    const length = bytes.length;
    let slab = this.slabs.get(this.current);
    if (!slab || this.used + length > slab.length) {
      // Slabs grow with the collection, so a small one wastes little and a large one has few.
      const wanted = Math.min(
        MAX_SLAB,
        Math.max(MIN_SLAB, 2 ** Math.ceil(Math.log2(this.liveBytes / 8 + 1))),
      );
      slab = Buffer.allocUnsafeSlow(Math.max(wanted, length));
      if (this.liveIn.get(this.current) === 0) this.drop(this.current);
      this.current = this.nextSlab++;
      this.slabs.set(this.current, slab);
      this.liveIn.set(this.current, 0);
      this.writtenIn.set(this.current, 0);
      this.used = 0;
    }
    slab.set(bytes, this.used);
    this.slabOf[slot] = this.current;
    this.offsetOf[slot] = this.used;
    this.used += length;
    this.liveBytes += length;
    this.liveIn.set(this.current, this.liveIn.get(this.current)! + length);
    this.writtenIn.set(this.current, this.writtenIn.get(this.current)! + length);
  }

  /** Copies the live documents into fresh slabs once dead bytes outweigh them. */
  private compactIfWorthIt(): void {
    if (this.deadBytes < MIN_DEAD_TO_COMPACT || this.deadBytes < this.liveBytes) return;
    const old = new Map(this.slabs);
    const oldSlabOf = this.slabOf.slice();
    const oldOffsetOf = this.offsetOf.slice();
    this.slabs.clear();
    this.liveIn.clear();
    this.writtenIn.clear();
    this.current = -1;
    this.used = 0;
    this.liveBytes = 0;
    this.deadBytes = 0;
    for (let slot = 0; slot < this.highSlot; slot += 1) {
      const from = old.get(oldSlabOf[slot]!);
      if (oldSlabOf[slot] === FREE || !from) continue;
      const offset = oldOffsetOf[slot]!;
      this.append(slot, from.subarray(offset, offset + from.readInt32LE(offset)));
    }
  }
}
