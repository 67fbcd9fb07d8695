/**
 * A server's SMS lists outlive it (server/results/wave-lists.ts): each cache
 * saves the lists it holds with what its check for writes had seen, and a cache
 * made later (a restart, another server) takes them up and reads again only the
 * lists written to since. Whatever was written in between (a bounce, a deleted
 * contact) gives what a cache that read every list itself gives.
 */
import type { CommandStartedEvent } from "mongodb";
import mongoose from "mongoose";
import { Contact } from "../../server/distribution/contacts/model";
import { Invitation } from "../../server/distribution/invitations/model";
import { createAggregateCache } from "../../server/results/aggregate-cache";
import type { WaveList } from "../../server/results/wave-lists";
import { WaveListSnapshot } from "../../server/results/wave-lists-record";
import { makeOpenWave } from "../factories/program";
import {
  clearCollections,
  monitorCommands,
  startTestStore,
  type TestStore,
} from "../helpers/store";
import { addResponses } from "./factory";
import { at, invite, respondentsOf } from "./nonresponse-fixture";

let t: TestStore;
const seen: CommandStartedEvent[] = [];
const LISTS = ["invitations", "smsmessages", "contacts", "optouts"];

beforeAll(async () => {
  t = await startTestStore();
  await monitorCommands(t, seen);
}, 60_000);
afterAll(() => t.close());
beforeEach(() => clearCollections());

/** Two waves with their SMS lists, written an hour ago as in fieldwork. */
async function world() {
  const first = await makeOpenWave({ status: "closed" });
  const second = await makeOpenWave({ status: "closed" });
  const lists = [];
  for (const { wave } of [first, second]) {
    // The fixture names its tokens by row: the first list's are renamed to keep them unique.
    for (const { _id } of await Invitation.find({}, { _id: 1 }).lean())
      await Invitation.collection.updateOne({ _id }, { $set: { tokenHash: `earlier-${_id}` } });
    lists.push(await invite(wave));
    await addResponses(wave, respondentsOf(true));
  }
  for (const name of LISTS)
    await mongoose.connection
      .collection(name)
      .updateMany({}, { $set: { createdAt: at, updatedAt: at } });
  return { waves: [first.wave, second.wave], lists };
}
type World = Awaited<ReturnType<typeof world>>;

/** What a cache made now (a server just started) holds of each wave's list, and what it read for them. */
async function startedServer(w: World) {
  const cache = createAggregateCache();
  const from = seen.length;
  const lists = await cache.lists();
  const got = await Promise.all(w.waves.map((wave) => lists.of(wave)));
  const reads = seen
    .slice(from)
    .filter(
      (e) =>
        LISTS.includes(String(e.command[e.commandName])) &&
        e.commandName !== "count" &&
        !("updatedAt" in (e.command.filter ?? {})),
    );
  return { cache, got: got.map(comparable), reads };
}

/** A list as plain data (its classes' lookup is a function). */
const comparable = (l: WaveList | null) =>
  l && { invitations: l.invitations, tally: l.tally, cells: l.nonResponse?.cells ?? null };

/** A server that reads its lists, then saves them at its next check. */
async function serverThatSaved(w: World) {
  const s = await startedServer(w);
  await s.cache.lists();
  expect(await WaveListSnapshot.countDocuments()).toBe(1);
  return s;
}

/** What a cache that reads every list itself holds. */
async function fresh(w: World) {
  await WaveListSnapshot.deleteMany({});
  return (await startedServer(w)).got;
}

it("a restarted server takes up the saved lists and reads none of them again", async () => {
  const w = await world();
  const before = await serverThatSaved(w);
  expect(before.reads.length).toBeGreaterThan(0);
  const after = await startedServer(w);
  expect(after.reads.map((e) => `${e.commandName} ${e.command[e.commandName]}`)).toEqual([]);
  expect(after.got).toEqual(before.got);
  expect(after.got).toEqual(await fresh(w));
}, 60_000);

it("reads again the list written to since the save, and only that one", async () => {
  const w = await world();
  const saved = await serverThatSaved(w);
  // A bounce on the first wave's list while no server ran: a never-sent
  // invitation's number turns out not to exist.
  const bounced = w.lists[0]!.invitations.find((i) => !i.invitedAt)!;
  await Invitation.updateOne({ _id: bounced._id }, { $set: { bouncedAt: new Date() } });
  const after = await startedServer(w);
  const wavesRead = after.reads.map((e) =>
    String(e.command.filter?.waveId ?? e.command.query?.waveId ?? ""),
  );
  expect(wavesRead).toContain(w.waves[0]!._id.toHexString());
  expect(wavesRead).not.toContain(w.waves[1]!._id.toHexString());
  expect(after.got[1]).toEqual(saved.got[1]);
  expect(after.got[0]).not.toEqual(saved.got[0]);
  expect(after.got).toEqual(await fresh(w));
}, 60_000);

it("reads every list again after a removal it cannot place", async () => {
  const w = await world();
  // A contact of the second list opted out, then is deleted by a DBA (no stamp left).
  const erased = w.lists[1]!.invitations.find((i) => !i.invitedAt)!;
  await Contact.updateOne({ _id: erased.contactId }, { $set: { optedOutAt: at } });
  const saved = await serverThatSaved(w);
  await Contact.deleteOne({ _id: erased.contactId });
  const after = await startedServer(w);
  expect(after.reads.filter((e) => e.command.find === "invitations")).toHaveLength(2);
  expect(after.got[1]).not.toEqual(saved.got[1]);
  expect(after.got).toEqual(await fresh(w));
}, 60_000);

it.each([
  ["of another format", { format: -1 }],
  ["over other collections", { windows: [] }],
])(
  "ignores a snapshot %s",
  async (_, unlike) => {
    const w = await world();
    const saved = await serverThatSaved(w);
    await WaveListSnapshot.updateOne({ _id: "lists" }, { $set: unlike });
    const after = await startedServer(w);
    expect(after.reads.filter((e) => e.command.find === "invitations")).toHaveLength(2);
    expect(after.got).toEqual(saved.got);
  },
  60_000,
);
