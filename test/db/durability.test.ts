import fsSync from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Double, Long, MongoClient } from "mongodb";
import { startEmbeddedServer } from "../../server/db/embedded";
import { startEmbedded } from "../helpers/embedded";
import { startChild } from "../helpers/process";
import { builtScript } from "../helpers/built-server";

describe("the embedded server's journal", () => {
  it("keeps documents and indexes across a clean restart", async () => {
    const h = await startEmbedded();
    try {
      const c = h.client.db("d").collection("people");
      await c.createIndex({ email: 1 }, { unique: true });
      await c.insertMany([{ email: "a@x.org" }, { email: "b@x.org" }]);
      await c.updateOne({ email: "b@x.org" }, { $set: { name: "Bet" } });
      await c.deleteOne({ email: "a@x.org" });
      await h.restart();
      const again = h.client.db("d").collection("people");
      expect(await again.find({}, { projection: { _id: 0 } }).toArray()).toEqual([
        { email: "b@x.org", name: "Bet" },
      ]);
      await expect(again.insertOne({ email: "b@x.org" })).rejects.toMatchObject({ code: 11000 });
    } finally {
      await h.close();
    }
  });

  it("creates a data directory that does not exist yet", async () => {
    const parent = await fs.mkdtemp(path.join(os.tmpdir(), "kp-fresh-"));
    const server = await startEmbeddedServer({ dbPath: path.join(parent, "data", "nested") });
    await server.close();
    await fs.rm(parent, { recursive: true, force: true });
  });

  it("refuses a data directory another server holds", async () => {
    const h = await startEmbedded();
    try {
      await expect(startEmbeddedServer({ dbPath: h.dir })).rejects.toThrow(/in use/);
    } finally {
      await h.close();
    }
  });

  it("keeps every acknowledged write after kill -9, and drops a torn last record", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "kp-kill9-"));
    const { child, match } = await startChild(
      builtScript("scripts/db.ts"),
      ["--port", "0", "--dbpath", dir],
      { LOG_LEVEL: "silent" },
      /^(mongodb:\/\/\S+)$/m,
    );
    const client = await MongoClient.connect(match[1]!, { maxPoolSize: 20 });
    const acknowledged: number[] = [];
    const c = client.db("d").collection("answers");
    // Writers race the kill: whatever was acknowledged before it must survive.
    const writers = Array.from({ length: 20 }, async (_, w) => {
      for (let i = 0; ; i += 1) {
        const n = w * 100_000 + i;
        try {
          await c.insertOne({ n, payload: "x".repeat(200) });
          acknowledged.push(n);
        } catch {
          return;
        }
      }
    });
    const acknowledgedBatches: number[] = [];
    const batchWriter = (async () => {
      for (let batch = 0; ; batch += 1) {
        try {
          await client
            .db("d")
            .collection("batches")
            .insertMany(Array.from({ length: 10 }, (_, i) => ({ batch, i })));
          acknowledgedBatches.push(batch);
        } catch {
          return;
        }
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await child.kill9();
    await Promise.all([...writers, batchWriter]);
    await client.close(true);
    expect(acknowledged.length).toBeGreaterThan(50);

    // A write cut off half-way leaves a partial record at the end of the journal.
    await fs.appendFile(
      path.join(dir, "journal.kpj"),
      Buffer.from([200, 0, 0, 0, 1, 2, 3, 4, 5, 6]),
    );

    const server = await startEmbeddedServer({ dbPath: dir });
    const reader = await MongoClient.connect(server.uri);
    try {
      const stored = new Set(
        (await reader.db("d").collection("answers").find().toArray()).map((d) => d.n as number),
      );
      const lost = acknowledged.filter((n) => !stored.has(n));
      expect(lost).toEqual([]);
      // Each insertMany is one journal record: a batch is there whole or not at all.
      const batches = await reader
        .db("d")
        .collection("batches")
        .aggregate([{ $group: { _id: "$batch", n: { $sum: 1 } } }])
        .toArray();
      expect(batches.filter((b) => b.n !== 10)).toEqual([]);
      expect(batches.length).toBeGreaterThanOrEqual(acknowledgedBatches.length);
      await reader.db("d").collection("answers").insertOne({ n: -1 });
    } finally {
      await reader.close();
      await server.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});

describe("compaction", () => {
  it("folds the journal into a snapshot while writes go on, and loses nothing", async () => {
    const h = await startEmbedded({ compactAtBytes: 64 * 1024 });
    try {
      const c = h.client.db("d").collection("rows");
      const writers = Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; i < 300; i += 1) await c.insertOne({ w, i, pad: "y".repeat(300) });
      });
      await Promise.all(writers);
      await c.updateMany({ w: 0 }, { $set: { touched: true } });
      // Compacted whenever the journal outgrew both the threshold and the snapshot.
      const { journalBytes, snapshotBytes } = h.server.status();
      expect(snapshotBytes).toBeGreaterThan(1200 * 300); // at least half the rows

      expect(journalBytes).toBeLessThan(1.5 * Math.max(64 * 1024, snapshotBytes));
      await h.restart();
      const again = h.client.db("d").collection("rows");
      expect(await again.countDocuments()).toBe(2400);
      expect(await again.countDocuments({ touched: true })).toBe(300);
    } finally {
      await h.close();
    }
  });

  it("reads a snapshot's documents back with their types and their fields named like the journal's", async () => {
    const h = await startEmbedded({ compactAtBytes: 16 * 1024 });
    try {
      const c = h.client.db("d").collection("kept");
      await c.insertMany(Array.from({ length: 300 }, (_, n) => ({ n, pad: "p".repeat(200) })));
      const odd = {
        _id: "odd",
        docs: [{ op: "puts", e: [1] }, { plain: true }],
        e: [{ docs: [2] }],
        op: "puts",
        whole: new Double(2),
        long: Long.fromNumber(5),
      };
      await h.client.db("d").collection<typeof odd>("kept").insertOne(odd);
      await h.restart();
      expect(await fs.stat(path.join(h.dir, "snapshot.kpj"))).toBeTruthy();
      const again = h.client.db("d").collection("kept");
      expect(await again.countDocuments()).toBe(301);
      const back = await again.findOne({ _id: "odd" as never }, { promoteValues: false });
      expect((await again.findOne({ _id: "odd" as never }))?.docs).toEqual(odd.docs);
      expect(back?.whole).toBeInstanceOf(Double);
      expect(back?.long).toBeInstanceOf(Long);
      expect(await again.findOne({ e: { docs: [2] } } as never)).toMatchObject({ _id: "odd" });
    } finally {
      await h.close();
    }
  });

  it("waits until the journal is as large as the snapshot, so a large store is not rewritten for a few writes", async () => {
    const h = await startEmbedded({ compactAtBytes: 16 * 1024 });
    try {
      const c = h.client.db("d").collection("rows");
      const write = async (n: number) => {
        for (let i = 0; i < n; i += 50)
          await c.insertMany(Array.from({ length: 50 }, () => ({ pad: "z".repeat(1000) })));
      };
      const settled = async () => {
        // Compaction starts when the server falls idle; let it finish.
        await new Promise((resolve) => setTimeout(resolve, 200));
        await h.server.flush();
        return h.server.status();
      };
      // ~1 MB in one command: compacted once the server falls idle after it, the
      // snapshot holding all of it (writes spread over many commands would go on
      // into the new journal while the snapshot is written).
      await c.insertMany(Array.from({ length: 1000 }, () => ({ pad: "z".repeat(1000) })));
      const first = await settled();
      expect(first.snapshotBytes).toBeGreaterThan(1_000_000);
      expect(first.journalBytes).toBeLessThan(100_000);
      // Less than the snapshot's size in new writes: far past the threshold, yet not compacted.
      await write(300);
      const second = await settled();
      expect(second.snapshotBytes).toBe(first.snapshotBytes);
      expect(second.journalBytes).toBeGreaterThan(first.journalBytes + 250_000);
      // Past the snapshot's size: compacted.
      await write(1500);
      const third = await settled();
      expect(third.snapshotBytes).toBeGreaterThan(first.snapshotBytes);
      expect(third.journalBytes).toBeLessThan(third.snapshotBytes);
      expect(await c.countDocuments()).toBe(2800);
    } finally {
      await h.close();
    }
  });

  it("writes and syncs a snapshot off the store's thread", async () => {
    // A national-size snapshot is gigabytes: written or synced on the thread, it held
    // the store past the drivers' heartbeats, which took it for gone.
    const h = await startEmbedded({ compactAtBytes: 16 * 1024 });
    const writes = jest.spyOn(fsSync, "writeSync");
    const opens = jest.spyOn(fsSync, "openSync");
    try {
      const c = h.client.db("d").collection("rows");
      for (let i = 0; i < 400; i += 50)
        await c.insertMany(Array.from({ length: 50 }, () => ({ pad: "z".repeat(1000) })));
      // Compaction starts when the server falls idle; let it finish.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await h.server.flush();
      expect(h.server.status().snapshotBytes).toBeGreaterThan(100_000);
      expect(writes).not.toHaveBeenCalled();
      expect(opens.mock.calls.filter(([file]) => String(file).endsWith(".tmp"))).toEqual([]);
    } finally {
      writes.mockRestore();
      opens.mockRestore();
      await h.close();
    }
  });

  it("replays a journal set aside by a compaction that a crash interrupted", async () => {
    const h = await startEmbedded();
    await h.client
      .db("d")
      .collection("rows")
      .insertMany([{ n: 1 }, { n: 2 }]);
    await h.client.close();
    await h.server.close();
    // A journal this small is not compacted on close: n 1 and 2 stay in it, with no snapshot yet.
    const snapshotFile = path.join(h.dir, "snapshot.kpj");
    const oldSnapshot = await fs.readFile(snapshotFile).catch(() => undefined);
    const later = await startEmbeddedServer({ dbPath: h.dir });
    const client = await MongoClient.connect(later.uri);
    await client.db("d").collection("rows").insertOne({ n: 3 });
    await client.close();
    await later.flush();
    const laterJournal = await fs.readFile(path.join(h.dir, "journal.kpj"));
    await later.close();
    // What a crash in the middle of a compaction leaves: the old snapshot, the set-aside journal, a fresh one.
    if (oldSnapshot) await fs.writeFile(snapshotFile, oldSnapshot);
    else await fs.rm(snapshotFile, { force: true });
    await fs.writeFile(path.join(h.dir, "journal.1.kpj"), laterJournal);
    await fs.writeFile(path.join(h.dir, "journal.kpj"), "");
    const reopened = await startEmbeddedServer({ dbPath: h.dir });
    const reader = await MongoClient.connect(reopened.uri);
    try {
      const ns = (await reader.db("d").collection("rows").find().toArray())
        .map((d) => d.n as number)
        .sort();
      expect(ns).toEqual([1, 2, 3]);
      expect((await fs.readdir(h.dir)).filter((f) => /^journal\.\d+\.kpj$/.test(f))).toEqual([]);
    } finally {
      await reader.close();
      await reopened.close();
      await fs.rm(h.dir, { recursive: true, force: true });
    }
  });
});
