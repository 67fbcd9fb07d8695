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
 *
 * A reopening store's documents may first stay where its snapshot or journal
 * holds them (`putInFile`): bringing gigabytes into fresh memory is the largest
 * part of a reopen, and the store can answer before it is done. Such a document
 * is read from its file when asked for, and `loadSome` copies them into slabs,
 * in the order they were replayed (file by file, each in its own order),
 * between the commands the store answers.
 */
import fs from "node:fs";

/** The smallest slab: a collection of a few small documents stays small. */
const MIN_SLAB = 16 * 1024;
/** The largest slab, unless one document needs more. */
const MAX_SLAB = 4 * 1024 * 1024;
/** Dead bytes below this are never worth a copy. */
const MIN_DEAD_TO_COMPACT = 64 * 1024;
/** Where a freed slot says it holds nothing. */
const FREE = -1;
/** Where a slot says its document is still in the file it was replayed from. */
const IN_FILE = -2;
/** Bytes of the file read at once when loading its documents or reading them in file order. */
const FILE_CHUNK = 4 * 1024 * 1024;
/**
 * A document's place in the files it may be in: the file's number times this,
 * plus its position there. Exact in a double for thousands of files of
 * terabytes each.
 */
const FILE_SPAN = 2 ** 40;
/** Stale entries of the replay order `loadSome` may pass over per document it loads. */
const SKIPS_PER_LOAD = 64;

/**
 * A file that documents were replayed from and stay readable in until they are
 * loaded: a snapshot, which is never written again once in place (a new one is
 * renamed over it, and an open descriptor keeps reading the old one), or a
 * journal, to which writes are only appended (a compaction renames it aside,
 * then removes it: the descriptor keeps reading it). Closed when the last
 * collection holding documents in it lets go, or on `close`.
 */
export class DocumentFile {
  private fd: number | undefined;
  private holders = 0;
  private sealed = false;

  constructor(readonly path: string) {
    this.fd = fs.openSync(path, "r");
  }

  /** `size` bytes from `position`, in a buffer of their own. */
  read(position: number, size: number): Buffer {
    const bytes = this.readUpTo(position, Buffer.allocUnsafe(size));
    if (bytes.length < size) throw new Error(`${this.path} ends before the documents it held`);
    return bytes;
  }

  /** As many bytes from `position` as `into` holds or the file has, in `into`. */
  readUpTo(position: number, into: Buffer): Buffer {
    if (this.fd === undefined) throw new Error(`${this.path} was closed with documents unread`);
    let done = 0;
    while (done < into.length) {
      const read = fs.readSync(this.fd, into, done, into.length - done, position + done);
      if (read === 0) break;
      done += read;
    }
    return into.subarray(0, done);
  }

  hold(): void {
    this.holders += 1;
  }

  letGo(): void {
    this.holders -= 1;
    if (this.holders === 0 && this.sealed) this.close();
  }

  /** No one takes documents from the file any more: it closes once its holders let go. */
  seal(): void {
    this.sealed = true;
    if (this.holders === 0) this.close();
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Where a replayed document's bytes lie in the file they were read from. */
export interface ReplaySource {
  file: DocumentFile;
  /** The file position of a view of the reader's buffer, while the record is replayed. */
  positionOf(view: Buffer): number;
}

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
  /** Bytes of the documents held now, in slabs and in the file. */
  liveBytes = 0;
  private deadBytes = 0;
  /** The files documents are still read from, by number; a file all of whose documents left is undefined. */
  private files: Array<DocumentFile | undefined> = [];
  /** Documents still in each file, by number. */
  private heldIn: number[] = [];
  /** Where each document still in a file lies: its file's number times FILE_SPAN plus its position. */
  private positionOf = new Float64Array(0);
  private inFile = 0;
  private bytesInFile = 0;
  /**
   * The slots put in files, in the order they were replayed, which is the
   * files' own order; a slot put again has a later entry, and `entryOf` names
   * the one that holds. `loadSome` walks it from `loadedTo`.
   */
  private order = new Int32Array(0);
  private orderLength = 0;
  private entryOf = new Int32Array(0);
  private loadedTo = 0;
  /** The last chunk read from a file: the file's number, where it starts, and how much it holds. */
  private chunk: Buffer | undefined;
  private chunkFile = -1;
  private chunkStart = 0;
  private chunkLength = 0;
  /** A document read from a file alone, for `peek`, and where it ends (as `positionOf` counts). */
  private single: Buffer | undefined;
  private singleEnd = Number.NEGATIVE_INFINITY;

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

  /**
   * Records a document that stays in `file` at `position` until it is loaded,
   * in a new slot or in place of `slot`'s document; its bytes must never change
   * there. Documents are put in the order their files are read.
   */
  putInFile(file: DocumentFile, position: number, size: number, slot?: number): number {
    if (slot === undefined) slot = this.takeSlot();
    else this.kill(slot);
    let f = this.files.indexOf(file);
    if (f < 0) {
      f = this.files.length;
      this.files.push(file);
      this.heldIn.push(0);
      file.hold();
    }
    if (this.positionOf.length < this.slabOf.length) {
      this.positionOf = grown(this.positionOf, this.slabOf.length);
      this.entryOf = grown(this.entryOf, this.slabOf.length);
    }
    if (this.orderLength === this.order.length)
      this.order = grown(this.order, Math.max(1024, this.order.length * 2));
    this.order[this.orderLength] = slot;
    this.entryOf[slot] = this.orderLength;
    this.orderLength += 1;
    this.slabOf[slot] = IN_FILE;
    this.offsetOf[slot] = size;
    this.positionOf[slot] = f * FILE_SPAN + position;
    this.heldIn[f]! += 1;
    this.inFile += 1;
    this.bytesInFile += size;
    this.liveBytes += size;
    this.writes += 1;
    this.writeOf[slot] = this.writes;
    return slot;
  }

  /**
   * Copies up to `limit` documents still in files into slabs, in the order they
   * were replayed, reading each file in large chunks; true when none is left.
   */
  loadSome(limit: number): boolean {
    let loaded = 0;
    let skipped = 0;
    while (this.inFile > 0 && loaded < limit && skipped < limit * SKIPS_PER_LOAD) {
      const entry = this.loadedTo;
      this.loadedTo += 1;
      const slot = this.order[entry]!;
      // Written, removed or put again since it was replayed: a later entry or a slab holds it.
      if (this.slabOf[slot] !== IN_FILE || this.entryOf[slot] !== entry) {
        skipped += 1;
        continue;
      }
      this.bringIn(slot, this.inChunk(slot) ?? this.readChunk(slot));
      loaded += 1;
    }
    return this.inFile === 0;
  }

  /**
   * `slot`'s bytes for a read that is done with them before its next call (an
   * index build, which keeps keys only), copying nothing into slabs. Reading
   * slots in the order a file holds them reads it in large chunks; a document
   * far from the last chunk is read alone.
   */
  peek(slot: number): Buffer {
    if (this.slabOf[slot] !== IN_FILE) return this.get(slot);
    const inChunk = this.inChunk(slot);
    if (inChunk) return inChunk;
    const at = this.positionOf[slot]!;
    const length = this.offsetOf[slot]!;
    const chunkStart = this.chunkFile * FILE_SPAN + this.chunkStart;
    const ahead = (from: number, end: number) => at >= from && at < end + FILE_CHUNK;
    // Going on forward from the last chunk (past its end, or across it) or the last document read alone: a chunk.
    if (
      !this.chunk ||
      ahead(chunkStart, chunkStart + this.chunkLength) ||
      ahead(this.singleEnd, this.singleEnd)
    )
      return this.readChunk(slot);
    if (!this.single || this.single.length < length)
      this.single = Buffer.allocUnsafeSlow(Math.max(length, 64 * 1024));
    const file = this.fileOf(slot);
    const read = file.readUpTo(at % FILE_SPAN, this.single.subarray(0, length));
    if (read.length < length) throw new Error(`${file.path} ends before the documents it held`);
    this.singleEnd = at + length;
    return read;
  }

  /** `slot`'s bytes, copied into slabs first when still in a file. */
  loaded(slot: number): Buffer {
    if (this.slabOf[slot] === IN_FILE) this.bringIn(slot, this.peek(slot));
    return this.get(slot);
  }

  /** Copies `bytes`, read from `slot`'s file, into slabs in its place. */
  private bringIn(slot: number, bytes: Buffer): void {
    this.leaveFile(slot, this.offsetOf[slot]!);
    this.append(slot, bytes);
  }

  /** `slot`'s bytes when the last chunk read holds them whole. */
  private inChunk(slot: number): Buffer | undefined {
    if (!this.chunk) return undefined;
    const at = this.positionOf[slot]! - (this.chunkFile * FILE_SPAN + this.chunkStart);
    const length = this.offsetOf[slot]!;
    if (at < 0 || at + length > this.chunkLength) return undefined;
    return this.chunk.subarray(at, at + length);
  }

  /** Reads `slot`'s file from its document on, at least that whole document; returns the document. */
  private readChunk(slot: number): Buffer {
    const length = this.offsetOf[slot]!;
    const size = Math.max(FILE_CHUNK, length);
    if (!this.chunk || this.chunk.length < size) this.chunk = Buffer.allocUnsafeSlow(size);
    const file = this.fileOf(slot);
    this.chunkFile = Math.floor(this.positionOf[slot]! / FILE_SPAN);
    this.chunkStart = this.positionOf[slot]! % FILE_SPAN;
    const read = file.readUpTo(this.chunkStart, this.chunk.subarray(0, size));
    this.chunkLength = read.length;
    if (read.length < length) throw new Error(`${file.path} ends before the documents it held`);
    return read.subarray(0, length);
  }

  private fileOf(slot: number): DocumentFile {
    return this.files[Math.floor(this.positionOf[slot]! / FILE_SPAN)]!;
  }

  /** Copies every document still in the file into slabs. */
  loadAll(): void {
    this.loadSome(Infinity);
  }

  /** Counts `slot`'s document out of its file (it is loaded or gone), letting go of a file after its last. */
  private leaveFile(slot: number, size: number): void {
    const f = Math.floor(this.positionOf[slot]! / FILE_SPAN);
    this.inFile -= 1;
    this.bytesInFile -= size;
    this.liveBytes -= size;
    this.slabOf[slot] = FREE;
    this.heldIn[f]! -= 1;
    if (this.heldIn[f] === 0) {
      this.files[f]!.letGo();
      this.files[f] = undefined;
      if (this.chunkFile === f) this.chunk = undefined;
    }
    if (this.inFile > 0) return;
    this.files = [];
    this.heldIn = [];
    this.positionOf = new Float64Array(0);
    this.entryOf = new Int32Array(0);
    this.order = new Int32Array(0);
    this.orderLength = 0;
    this.loadedTo = 0;
    this.chunk = undefined;
    this.chunkFile = -1;
    this.single = undefined;
    this.singleEnd = Number.NEGATIVE_INFINITY;
  }

  /** Forgets the document in `slot`; the slot may be handed out again. */
  release(slot: number): void {
    this.kill(slot);
    this.slabOf[slot] = FREE;
    this.freeSlots.push(slot);
    this.compactIfWorthIt();
  }

  /**
   * A view of `slot`'s bytes (no copy); it stays exact after later writes. A
   * document still in the file is read from it into a buffer of its own.
   */
  get(slot: number): Buffer {
    if (this.slabOf[slot] === IN_FILE)
      return this.fileOf(slot).read(this.positionOf[slot]! % FILE_SPAN, this.offsetOf[slot]!);
    const slab = this.slabs.get(this.slabOf[slot]!)!;
    const offset = this.offsetOf[slot]!;
    return slab.subarray(offset, offset + slab.readInt32LE(offset));
  }

  /** Byte length of `slot`'s document. */
  size(slot: number): number {
    if (this.slabOf[slot] === IN_FILE) return this.offsetOf[slot]!;
    return this.slabs.get(this.slabOf[slot]!)!.readInt32LE(this.offsetOf[slot]!);
  }

  /** A number that names the write that put `slot`'s current bytes, different for every write. */
  version(slot: number): number {
    return this.writeOf[slot]!;
  }

  /** The bytes of `slots` as they are now: later writes append elsewhere, so views stay exact. */
  freeze(slots: readonly number[]): FrozenDocuments {
    // A snapshot written over the files the documents are read from: loaded first.
    this.loadAll();
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
    if (slab === IN_FILE) return this.leaveFile(slot, size);
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
    this.liveBytes = this.bytesInFile;
    this.deadBytes = 0;
    for (let slot = 0; slot < this.highSlot; slot += 1) {
      const from = old.get(oldSlabOf[slot]!);
      if (oldSlabOf[slot]! < 0 || !from) continue;
      const offset = oldOffsetOf[slot]!;
      this.append(slot, from.subarray(offset, offset + from.readInt32LE(offset)));
    }
  }
}

/** A copy of `from` with room for `length` entries. */
export function grown<T extends Int32Array | Float64Array>(from: T, length: number): T {
  const to = new (from.constructor as new (n: number) => T)(length);
  to.set(from);
  return to;
}
