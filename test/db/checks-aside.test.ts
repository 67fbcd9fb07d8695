/**
 * Record checksums verified on their own thread while a large file is replayed
 * (server/db/embedded/checks-aside.ts, journal-reader.ts): the replay stops at
 * the same record as when it checks each one itself (one that fails its
 * checksum, one cut short at the end), and checks them itself when the thread
 * cannot do it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";
import { BSON } from "bson";
import { CHECK_ASIDE_BYTES, ChecksAside } from "../../server/db/embedded/checks-aside";
import { readRecords } from "../../server/db/embedded/journal-reader";

/** A record as the journal writes it: length, CRC-32 of the payload, payload. */
function record(payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([header, payload]);
}

function payloadOf(i: number, pad: number): Buffer {
  return Buffer.from(BSON.serialize({ e: [{ op: "note", i, pad: "x".repeat(pad) }] }));
}

/** The records' effects' numbers as readRecords hands them over, and where it stopped. */
function replay(file: string): { seen: number[]; goodBytes: number; totalBytes: number } {
  const seen: number[] = [];
  const { goodBytes, totalBytes } = readRecords(file, (r) => seen.push(r.e[0].i as number));
  return { seen, goodBytes, totalBytes };
}

describe("checksums verified aside", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-checks-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("stops a large file's replay where checking in line stops it", () => {
    const file = path.join(dir, "journal.kpj");
    const records: Buffer[] = [];
    let size = 0;
    for (let i = 0; size < CHECK_ASIDE_BYTES + 4 * 1024 * 1024; i += 1) {
      records.push(record(payloadOf(i, 2000 + (i % 7) * 911)));
      size += records[i]!.length;
    }
    // One bit flipped in a record past the first 64 MiB: the replay ends before it.
    const bad = records.length - 40;
    const flipped = Buffer.from(records[bad]!);
    flipped.writeUInt8(flipped[flipped.length - 20]! ^ 1, flipped.length - 20);
    fs.writeFileSync(
      file,
      Buffer.concat([...records.slice(0, bad), flipped, ...records.slice(bad + 1)]),
    );
    const aside = replay(file);
    expect(aside.seen).toEqual(Array.from({ length: bad }, (_, i) => i));
    expect(aside.goodBytes).toBe(records.slice(0, bad).reduce((n, r) => n + r.length, 0));

    // Whole again, then cut in the middle of the last record: everything before it is replayed.
    const whole = Buffer.concat(records);
    fs.writeFileSync(file, whole.subarray(0, whole.length - 100));
    const cut = replay(file);
    expect(cut.seen).toHaveLength(records.length - 1);
    expect(cut.goodBytes).toBe(whole.length - records.at(-1)!.length);
    expect(cut.totalBytes).toBe(whole.length - 100);
  }, 60_000);

  it("answers record by record as a check in line does", () => {
    const file = path.join(dir, "records.kpj");
    const records = Array.from({ length: 3000 }, (_, i) => record(payloadOf(i, (i * 37) % 1500)));
    const broken = Buffer.from(records[2500]!);
    broken.writeUInt8(broken[30]! ^ 4, 30);
    records[2500] = broken;
    fs.writeFileSync(file, Buffer.concat(records));
    const checks = new ChecksAside(file);
    const answers: boolean[] = [];
    let end = 0;
    for (const r of records) {
      end += r.length;
      answers.push(checks.sound(end, r.subarray(8), r.readUInt32LE(4)));
      if (!answers.at(-1)) break;
    }
    checks.close();
    expect(answers).toHaveLength(2501);
    expect(answers.slice(0, 2500).every(Boolean)).toBe(true);
    expect(answers[2500]).toBe(false);
  });

  it("checks in line when the thread cannot read the file", () => {
    const records = Array.from({ length: 50 }, (_, i) => record(payloadOf(i, 100)));
    const checks = new ChecksAside(path.join(dir, "gone.kpj"));
    let end = 0;
    const answers = records.map((r, i) => {
      end += r.length;
      const payload = Buffer.from(r.subarray(8));
      if (i === 30) payload.writeUInt8(payload[10]! ^ 1, 10);
      return checks.sound(end, payload, r.readUInt32LE(4));
    });
    checks.close();
    expect(answers.filter((ok) => !ok)).toHaveLength(1);
    expect(answers[30]).toBe(false);
  });
});
