/**
 * A dashboard view with nothing new reads nothing of the program again (issue
 * 22): each cache holds the waves, their statistics' records and the margin
 * sets it read, and a view asks only what was written since the one before
 * (server/results/stamp-window.ts); whether any response waits to be folded is
 * one read of an empty index range, not a count of every folded response.
 * Whatever changed in between (a wave added, changed or removed, margins
 * saved, responses folded by another server) shows in the next view.
 */
import type { CommandStartedEvent } from "mongodb";
import mongoose from "mongoose";
import { SurveyResponse } from "../../server/responses/model";
import { createAggregateCache } from "../../server/results/aggregate-cache";
import { PopulationMargins } from "../../server/results/margins-model";
import { Wave } from "../../server/waves/model";
import { makeOpenWave } from "../factories/program";
import {
  clearCollections,
  monitorCommands,
  startTestStore,
  type TestStore,
} from "../helpers/store";
import { addResponses, authorityWithTwoWaves, respondents } from "./factory";

let t: TestStore;
const seen: CommandStartedEvent[] = [];
const HELD = ["waves", "wave_stats", "margin_sets", "populationmargins"];

beforeAll(async () => {
  t = await startTestStore();
  await monitorCommands(t, seen);
}, 60_000);
afterAll(() => t.close());
beforeEach(() => clearCollections());

/** The commands a step sent, as `name collection`. */
async function commandsOf(step: () => Promise<unknown>): Promise<CommandStartedEvent[]> {
  const from = seen.length;
  await step();
  return seen.slice(from);
}

const reads = (events: CommandStartedEvent[], collections: string[]) =>
  events
    .filter((e) => e.commandName === "find" || e.commandName === "aggregate")
    .map((e) => String(e.command[e.commandName]))
    .filter((c) => collections.includes(c));

async function program() {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  await addResponses(baseline, respondents(12));
  await addResponses(followUp, respondents(9));
  await PopulationMargins.create({
    authorityId: authority._id,
    margins: [{ variable: "dem_sex", shares: { "1": 0.4, "2": 0.6 } }],
  });
  return { authority, baseline, followUp };
}

/**
 * Moves every stamp of what a cache holds an hour back, as in a program whose
 * last change was made before the minute a view looks back for other servers'
 * clocks (stamp-window.ts): writes within that minute are read again.
 */
async function writtenAnHourAgo(): Promise<void> {
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (const name of HELD)
    await mongoose.connection
      .db!.collection(name)
      .updateMany({}, { $set: { createdAt: hourAgo, updatedAt: hourAgo } });
}

it("reads no wave, record or margin set again when nothing was written", async () => {
  await program();
  const cache = createAggregateCache();
  const first = await commandsOf(() => cache.fresh());
  expect(new Set(reads(first, HELD))).toEqual(new Set(HELD));
  await writtenAnHourAgo();
  // Within the minute, what was written is read again; then a view reads nothing.
  await cache.fresh();

  const again = await commandsOf(() => cache.fresh());
  expect(reads(again, HELD)).toEqual([]);
  // No count of the folded responses, which grew with the program (the
  // collection's size, from its metadata, is all a view counts of them).
  const counts = again.filter(
    (e) => e.commandName === "count" && e.command.count === "responses" && e.command.query,
  );
  expect(counts).toEqual([]);
});

it("shows a wave added, changed or removed since the last view", async () => {
  const { baseline, followUp } = await program();
  const cache = createAggregateCache();
  let aggregates = await cache.fresh();
  expect(aggregates.get(followUp._id)?.responses).toBe(9);

  const { wave: added } = await makeOpenWave({ kind: "follow-up" });
  await addResponses(added, respondents(4));
  aggregates = await cache.fresh();
  expect(aggregates.get(added._id)?.responses).toBe(4);

  // A changed wave is read again: its dates choose its margin set, its version
  // what its statistics hold.
  await Wave.updateOne({ _id: baseline._id }, { $set: { name: { he: "ב", ar: "ب", en: "B" } } });
  const renamed = await commandsOf(() => cache.fresh());
  expect(reads(renamed, ["waves"])).toEqual(["waves"]);

  await Wave.deleteOne({ _id: followUp._id });
  await SurveyResponse.deleteMany({ waveId: followUp._id });
  aggregates = await cache.fresh();
  expect(aggregates.get(followUp._id)).toBeUndefined();
  expect(aggregates.get(baseline._id)?.responses).toBe(12);
});

it("weights the next view by margins saved after the last one", async () => {
  const { authority, followUp } = await authorityWithTwoWaves();
  await addResponses(followUp, respondents(20));
  const cache = createAggregateCache();
  expect((await cache.fresh()).get(followUp._id)!.weighting.method).toBe("none");
  await PopulationMargins.create({
    authorityId: authority._id,
    margins: [{ variable: "dem_sex", shares: { "1": 0.4, "2": 0.6 } }],
  });
  expect((await cache.fresh()).get(followUp._id)!.weighting.method).toBe("raked");
});

it("takes up statistics another server folded since the last view", async () => {
  const { followUp } = await program();
  const here = createAggregateCache();
  const there = createAggregateCache();
  await here.fresh();
  await there.fresh();
  await addResponses(followUp, respondents(3, {}, 40));
  expect((await there.fresh()).get(followUp._id)?.responses).toBe(12);
  // Nothing is left to fold here: the record another server wrote is read again.
  expect((await here.fresh()).get(followUp._id)?.responses).toBe(12);
  expect(here.activity().folded).toBe(21);
});
