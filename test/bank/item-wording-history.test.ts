/**
 * Issue 19, each item's history of wording: for an item id, every published
 * version that asked it or an item of its lineage (a changed wording is a new id
 * that `replaces` the old one), with the wording per language and the date,
 * read from the stored versions' snapshots.
 */
import type { Express } from "express";
import { publishInstrument } from "../../server/instruments/service";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;
let r: SignedIn;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  r = await signInAs(app, "researcher");
}, 60_000);
afterAll(() => t.close());

interface Row {
  itemId: string;
  key: string;
  version: number;
  publishedAt: string;
  text: Record<string, string>;
  changed: boolean;
}

it("lists the old wording in edition 1 and the new one in edition 2, oldest first", async () => {
  await publishInstrument("core");
  await publishInstrument("core", undefined, 2);
  const res = await r.agent.get("/api/bank/items/sec_home_b/history").expect(200);
  expect(res.body.id).toBe("sec_home_b");
  expect(res.body.lineage).toEqual(["sec_home", "sec_home_b"]);
  const rows = res.body.versions as Row[];
  expect(rows.map((v) => [v.itemId, v.key, v.version, v.changed])).toEqual([
    ["sec_home", "core", 1, false],
    ["sec_home_b", "core", 2, true],
  ]);
  expect(rows[0]!.text.he).toContain("ביטחון");
  expect(rows[1]!.text.he).toContain("מוגן/ת מפשיעה");
  for (const row of rows) {
    expect(row.text.ar).toMatch(/[\u0600-\u06FF]/);
    expect(row.text.en).toMatch(/[a-z]/);
    expect(Date.parse(row.publishedAt)).not.toBeNaN();
  }
  expect(res.body.current.he).toBe(rows[1]!.text.he);

  // Asked from the old id, the lineage and the rows are the same.
  const old = await r.agent.get("/api/bank/items/sec_home/history").expect(200);
  expect(old.body.lineage).toEqual(["sec_home", "sec_home_b"]);
  expect(old.body.versions).toEqual(rows);
});

it("answers an unused bank item with no versions, and 404 for an unknown id", async () => {
  const res = await r.agent.get("/api/bank/items/mem_group/history").expect(200);
  expect(res.body).toMatchObject({ lineage: ["mem_group"], versions: [] });
  expect(res.body.current.ar).toMatch(/[\u0600-\u06FF]/);
  await r.agent.get("/api/bank/items/no_such_item/history").expect(404);
  await r.agent.get("/api/bank/items/Bad-Id!/history").expect(400);
});
