import type nodeFs from "node:fs";
import { Worker } from "node:worker_threads";
import { crc32 } from "node:zlib";

/**
 * The checksums of a large file's records verified on a thread of their own
 * while the store replays them (journal-reader.ts): on a reopen the checksums
 * are about a fifth of the work, and the thread that replays has no other use
 * for the second core. The replay still stops at the first record that is cut
 * short or fails its checksum, as it does when it checks each one itself.
 *
 * The checking thread runs `verify` below from its source text, so that it needs
 * no file of its own in the built server; `verify` therefore uses nothing from
 * outside its body but the modules it is handed.
 */

/** Below this size a file's records are checked in line: a thread costs more to start. */
export const CHECK_ASIDE_BYTES = 64 * 1024 * 1024;

/** The checking thread's state, in a BigInt64Array over shared memory. */
const GOOD = 0;
const STATE = 1;
/** Rises with every publication: what the replay waits on. */
const SEQ = 2;
/** Stopped at the end of the file or at the first record that is not whole and sound. */
const STOPPED = 1n;
/** Could not go on (it could not read the file): the replay checks the rest itself. */
const FAILED = 2n;
/** How long the replay waits for news before it checks the records itself. */
const PATIENCE_MS = 10_000;

/**
 * Walks the file's records (a 4-byte length, a 4-byte CRC-32 of the payload,
 * the payload) and publishes in `state[GOOD]` the offset up to which every
 * record is whole and sound, every few MiB and at the end.
 */
function verify(file: string, state: BigInt64Array, fs: typeof nodeFs, check: typeof crc32): void {
  const STOPPED_ = 1n;
  const FAILED_ = 2n;
  const CHUNK = 8 * 1024 * 1024;
  const PUBLISH_EVERY = 1024 * 1024;
  let good = 0;
  let outcome = FAILED_;
  let fd = -1;
  try {
    fd = fs.openSync(file, "r");
    const total = fs.fstatSync(fd).size;
    let buf = Buffer.allocUnsafe(CHUNK);
    let base = 0; // the file offset of buf[0]
    let held = 0;
    let published = 0;
    outcome = STOPPED_;
    for (;;) {
      const at = good - base;
      let need = 8;
      if (held - at >= 8) need = 8 + buf.readUInt32LE(at);
      if (held - at < need) {
        if (good + need > total) break;
        if (need > buf.length) {
          const bigger = Buffer.allocUnsafe(need);
          buf.copy(bigger, 0, at, held);
          buf = bigger;
        } else buf.copy(buf, 0, at, held);
        base = good;
        held -= at;
        while (held < buf.length && base + held < total) {
          const read = fs.readSync(fd, buf, held, buf.length - held, base + held);
          if (read === 0) break;
          held += read;
        }
        continue;
      }
      if (need < 8 + 5) break;
      if (check(buf.subarray(at + 8, at + need)) !== buf.readUInt32LE(at + 4)) break;
      good += need;
      if (good - published >= PUBLISH_EVERY) {
        Atomics.store(state, 0, BigInt(good));
        Atomics.add(state, 2, 1n);
        Atomics.notify(state, 2);
        published = good;
      }
    }
  } catch {
    // FAILED_ with what was verified so far: the replay checks the rest itself.
  } finally {
    if (fd >= 0) fs.closeSync(fd);
    Atomics.store(state, 0, BigInt(good));
    Atomics.store(state, 1, outcome);
    Atomics.add(state, 2, 1n);
    Atomics.notify(state, 2);
  }
}

const SOURCE = [
  'const { workerData } = require("node:worker_threads");',
  `(${verify.toString()})(workerData.file, new BigInt64Array(workerData.shared), require("node:fs"), require("node:zlib").crc32);`,
].join("\n");

/** A file's records checked on their own thread; `sound` asks about one record. */
export class ChecksAside {
  private readonly state = new BigInt64Array(new SharedArrayBuffer(24));
  private readonly worker: Worker;
  /** Offset up to which the thread has found the records sound. */
  private known = 0;
  /** Set once the thread failed or fell silent: the records left are checked here. */
  private inLine = false;

  constructor(file: string) {
    this.worker = new Worker(SOURCE, {
      eval: true,
      workerData: { file, shared: this.state.buffer },
    });
    // A thread that dies is noticed by its silence (`sound`); this only keeps it from throwing.
    this.worker.on("error", () => {});
    this.worker.unref();
  }

  /**
   * Whether the record whose payload ends at file offset `end` passed its
   * checksum, waiting for the thread to get there; checked here instead when
   * the thread failed or fell silent.
   */
  sound(end: number, payload: Buffer, checksum: number): boolean {
    if (end <= this.known) return true;
    if (this.inLine) return crc32(payload) === checksum;
    for (;;) {
      // The sequence first: any news after it wakes the wait below at once.
      const seq = Atomics.load(this.state, SEQ);
      this.known = Number(Atomics.load(this.state, GOOD));
      if (end <= this.known) return true;
      const state = Atomics.load(this.state, STATE);
      if (state === STOPPED) return false;
      if (state === FAILED || Atomics.wait(this.state, SEQ, seq, PATIENCE_MS) === "timed-out") {
        this.inLine = true;
        void this.worker.terminate();
        return crc32(payload) === checksum;
      }
    }
  }

  close(): void {
    void this.worker.terminate();
  }
}
