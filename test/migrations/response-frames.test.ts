/**
 * Migration 0009 on a store the previous release made: responses by personal
 * link stored before responses recorded their invitation's frame cell get it
 * where the store already tells it (a panel member's pseudonym; a day whose
 * completions share one cell), and nowhere else.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import mongoose from "mongoose";
import pino from "pino";
import { loadConfig, type Config } from "../../server/config";
import { MIGRATIONS } from "../../server/db/migrations";
import { runMigrations } from "../../server/db/migrations/runner";
import { openStore, type Store } from "../../server/db/store";
import { TEST_SECRETS } from "../helpers/store";
import { loadAllModels } from "./model-files";

const logger = pino({ level: "silent" });
let dataDir: string;
let config: Config;
let store: Store | undefined;
const dbName = `kp_frames_${process.env.JEST_WORKER_ID ?? "0"}_${Date.now().toString(36)}`;
const db = () => mongoose.connection.db!;
const { ObjectId } = mongoose.mongo;

const authorityId = new ObjectId();
const waveId = new ObjectId();
const day = (d: number) => new Date(Date.UTC(2026, 10, d));
const ids: Record<string, mongoose.mongo.ObjectId> = {};

/** A contact, its invitation to the wave (completed on `completed`, if any), as the previous release stored them. */
async function invited(
  name: string,
  locale: string,
  neighbourhood: string | null,
  completed: Date | null,
  panelId?: string,
) {
  const contactId = new ObjectId();
  await db()
    .collection("contacts")
    .insertOne({
      _id: contactId,
      authorityId,
      phoneSealed: `sealed-${name}`,
      phoneIndex: `index-${name}`,
      locale,
      ...(neighbourhood ? { neighbourhood } : {}),
      panelConsent: { given: Boolean(panelId) },
      ...(panelId ? { panelId } : {}),
    });
  await db()
    .collection("invitations")
    .insertOne({
      authorityId,
      waveId,
      contactId,
      tokenHash: `hash-${name}`,
      linkVersion: 1,
      locale,
      ...(neighbourhood ? { neighbourhood } : {}),
      invitedAt: day(1),
      ...(completed ? { completedAt: completed } : {}),
      remindersQueued: 0,
      resends: 0,
    });
}

/** A response as the previous release stored it (no frame), or with one (this release). */
async function answered(
  name: string,
  channel: string,
  submittedAt: Date,
  extra: Record<string, unknown> = {},
) {
  ids[name] = new ObjectId();
  await db()
    .collection("responses")
    .insertOne({
      _id: ids[name],
      waveId,
      authorityId,
      instrumentVersionId: new ObjectId(),
      channel,
      locale: "he",
      submissionId: `submission-${name}`,
      answers: {},
      scores: {},
      submittedAt,
      ...extra,
    });
}

beforeAll(async () => {
  await loadAllModels();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "kp-frames-"));
  config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATA_DIR: dataDir,
    ...TEST_SECRETS,
    ...(process.env.MONGODB_URI ? { MONGODB_URI: process.env.MONGODB_URI } : {}),
  });
  // The previous release's boot: indexes by syncIndexes(), no migration recorded.
  store = await openStore(config, logger, {
    migrate: false,
    ...(config.mongodbUri ? { dbName } : {}),
  });
  await mongoose.syncIndexes();
  // Day 3: a panel member (Arabic, north) and two others (Hebrew, south).
  await invited("panel", "ar", "north", day(3), "pseudonym-1");
  await invited("south-1", "he", "south", day(3));
  await invited("south-2", "he", "south", day(3));
  await answered("panel", "sms", day(3), { panelId: "pseudonym-1" });
  await answered("day3-a", "sms", day(3));
  await answered("day3-b", "sms", day(3));
  // Day 4: two completions of two cells, two responses: which is which is not known.
  await invited("north-4", "he", "north", day(4));
  await invited("arabic-4", "ar", null, day(4));
  await answered("day4-a", "sms", day(4));
  await answered("day4-b", "sms", day(4));
  // Day 5: one response recorded its cell when stored; the other completion is the rest.
  await invited("north-5", "he", "north", day(5));
  await invited("arabic-5", "ar", null, day(5));
  await answered("day5-recorded", "sms", day(5), { frame: { language: "ar", neighbourhood: "" } });
  await answered("day5-old", "sms", day(5));
  // Never completed, and a kiosk answer: neither is anyone's cell.
  await invited("silent", "he", "north", null);
  await answered("kiosk", "kiosk", day(3));
});

afterAll(async () => {
  if (config.mongodbUri) await mongoose.connection.dropDatabase();
  await store?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

it("records each old response's frame cell where the store tells it, and no other", async () => {
  expect(await runMigrations(db(), logger, MIGRATIONS)).toContain("0009-response-frames");
  const frameOf = async (name: string) =>
    (await db().collection("responses").findOne({ _id: ids[name] }))?.frame;
  expect(await frameOf("panel")).toEqual({ language: "ar", neighbourhood: "north" });
  expect(await frameOf("day3-a")).toEqual({ language: "he", neighbourhood: "south" });
  expect(await frameOf("day3-b")).toEqual({ language: "he", neighbourhood: "south" });
  expect(await frameOf("day4-a")).toBeUndefined();
  expect(await frameOf("day4-b")).toBeUndefined();
  expect(await frameOf("day5-recorded")).toEqual({ language: "ar", neighbourhood: "" });
  expect(await frameOf("day5-old")).toEqual({ language: "he", neighbourhood: "north" });
  expect(await frameOf("kiosk")).toBeUndefined();
  // Nothing of the contact or the invitation went with it.
  const panel = await db().collection("responses").findOne({ _id: ids.panel });
  expect(Object.keys(panel!).sort()).toEqual(
    [
      "_id",
      "waveId",
      "authorityId",
      "instrumentVersionId",
      "channel",
      "locale",
      "submissionId",
      "answers",
      "scores",
      "submittedAt",
      "panelId",
      "frame",
    ].sort(),
  );
});
