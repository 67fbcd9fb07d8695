import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Decimal128, Double, Int32, Long, ObjectId } from "mongodb";
import { backupDatabase, restoreDatabase } from "../../server/db/backup";
import { startEmbedded, type EmbeddedHarness } from "../helpers/embedded";

let source: EmbeddedHarness;
let target: EmbeddedHarness;
let file: string;

beforeAll(async () => {
  source = await startEmbedded();
  target = await startEmbedded();
  file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), "kp-backup-")), "db.kpbak");
});
afterAll(async () => {
  await source.close();
  await target.close();
  await fs.rm(path.dirname(file), { recursive: true, force: true });
});

it("backs up and restores documents, types and indexes", async () => {
  const db = source.client.db("kehila");
  await db.collection("people").createIndex({ email: 1 }, { unique: true });
  await db.collection("people").insertMany(
    Array.from({ length: 2500 }, (_, i) => ({
      email: `p${i}@example.org`,
      name: i % 2 ? "דנה" : "سلمى",
    })),
  );
  const typed = {
    _id: new ObjectId(),
    i: new Int32(7),
    d: new Double(2),
    l: Long.fromString("9007199254740993"),
    m: Decimal128.fromString("1.10"),
    at: new Date(0),
  };
  await db.collection("types").insertOne(typed);

  const summary = await backupDatabase(db, file);
  expect(summary).toEqual({ collections: 2, documents: 2501 });

  const restored = target.client.db("kehila");
  expect(await restoreDatabase(restored, file)).toEqual({ collections: 2, documents: 2501 });
  expect(await restored.collection("people").countDocuments()).toBe(2500);
  expect((await restored.collection("people").indexes()).map((i) => i.name)).toEqual([
    "_id_",
    "email_1",
  ]);
  await expect(
    restored.collection("people").insertOne({ email: "p1@example.org" }),
  ).rejects.toMatchObject({ code: 11000 });
  const back = await restored
    .collection("types")
    .findOne({}, { promoteValues: false, promoteLongs: false });
  expect(back!.l.toString()).toBe("9007199254740993");
  expect(back!.m.toString()).toBe("1.10");
  expect(back!.at).toEqual(new Date(0));

  // Restoring over existing data needs --drop.
  await expect(restoreDatabase(restored, file)).rejects.toThrow(/--drop/);
  expect(await restoreDatabase(restored, file, { drop: true })).toEqual({
    collections: 2,
    documents: 2501,
  });
});

it("refuses a truncated backup", async () => {
  const data = await fs.readFile(file);
  const cut = path.join(path.dirname(file), "cut.kpbak");
  await fs.writeFile(cut, data.subarray(0, Math.floor(data.length / 2)));
  await expect(restoreDatabase(target.client.db("other"), cut)).rejects.toThrow();
});
