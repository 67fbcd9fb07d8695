/**
 * A responses export reads the next wave while the rows of the one before are
 * written (server/exports/rows.ts): the store and the writer each keep busy
 * instead of taking turns, and memory still holds two waves at most. A download
 * left part-way reads no further than the wave after the one it stopped in.
 */
import type { CommandStartedEvent } from "mongodb";
import type mongoose from "mongoose";
import { planExport } from "../../server/exports/rows";
import { monitorCommands, startTestStore, type TestStore } from "../helpers/store";
import { addResponses, authorityWithTwoWaves, respondents } from "../results/factory";
import { standaloneAnalytics } from "../../server/results/analytics-scope";

let t: TestStore;
const seen: CommandStartedEvent[] = [];
let waves: mongoose.Types.ObjectId[];

beforeAll(async () => {
  t = await startTestStore();
  await monitorCommands(t, seen);
  const { baseline, followUp } = await authorityWithTwoWaves();
  await addResponses(baseline, respondents(12));
  await addResponses(followUp, respondents(9));
  waves = [baseline._id, followUp._id];
}, 60_000);
afterAll(() => t.close());

/** The finds of one wave's rows sent since `from` (not the search for rows with no export key). */
const rowReadsOf = (wave: mongoose.Types.ObjectId, from: number) =>
  seen
    .slice(from)
    .filter(
      (e) =>
        e.commandName === "find" &&
        e.command.find === "responses" &&
        String(e.command.filter?.waveId) === wave.toHexString() &&
        !("exportKey" in e.command.filter),
    );

async function until(done: () => boolean): Promise<boolean> {
  const end = Date.now() + 5_000;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return done();
}

it("reads the next wave while the first wave's rows are taken", async () => {
  const plan = await planExport(standaloneAnalytics(), null, "he");
  expect(plan.total).toBe(21);
  const from = seen.length;
  const rows = plan.rows();
  const first = await rows.next();
  expect(first.done).toBe(false);
  // One row of the first wave taken, the generator paused: the second wave's read is on its way.
  expect(rowReadsOf(waves[0]!, from)).toHaveLength(1);
  expect(await until(() => rowReadsOf(waves[1]!, from).length === 1)).toBe(true);
  let n = 1;
  for await (const _ of rows) n += 1;
  expect(n).toBe(21);
  expect(rowReadsOf(waves[1]!, from)).toHaveLength(1);
}, 30_000);

it("ends cleanly when the download stops part-way", async () => {
  const plan = await planExport(standaloneAnalytics(), null, "he");
  const rows = plan.rows();
  await rows.next();
  // A client gone: the writer returns the generator, which ends its session.
  await expect(rows.return(undefined)).resolves.toEqual({ done: true, value: undefined });
  // The store still answers the next export in full.
  let n = 0;
  for await (const _ of (await planExport(standaloneAnalytics(), null, "he")).rows()) n += 1;
  expect(n).toBe(21);
}, 30_000);
