/**
 * A dashboard view does not read a raked wave's whole list again when nothing
 * on it changed (issue 22): each cache holds every wave's dispositions and
 * non-response classes, and a view checks what was written since its last
 * one. Whatever changed the list (a bounce, a STOP, a completion, a new
 * invitation, a receipt, an erased contact) gives on the next view exactly
 * what a cache that never saw the wave computes, on this server or another.
 */
import type { CommandStartedEvent } from "mongodb";
import mongoose from "mongoose";
import { Contact, OptOut, SEALED } from "../../server/distribution/contacts/model";
import { importContacts } from "../../server/distribution/contacts/import";
import { Invitation } from "../../server/distribution/invitations/model";
import { SmsMessage } from "../../server/distribution/queue/model";
import { handleReceipt, optOutNumber } from "../../server/distribution/webhooks/service";
import { createFieldCipher } from "../../server/privacy/crypto";
import { createAggregateCache } from "../../server/results/aggregate-cache";
import { makeOpenWave } from "../factories/program";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
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

const STOP_PHONE = "+972501110001";
const NEW_PHONE = "+972501110002";

/**
 * The fixture's raked wave, with a few of its never-sent invitations set up for
 * what a test does to them; everything on the list was written an hour ago, as
 * in fieldwork.
 */
async function world() {
  const { authority, wave } = await makeOpenWave({ status: "closed" });
  const { rows, contacts, invitations } = await invite(wave);
  const unknown = rows.flatMap(([, , d], i) => (d === "unknown" ? [i] : []));
  const [stop, bounce, receipt, complete, erased, staff] = unknown.map((i) => ({
    contact: contacts[i]!,
    invitation: invitations[i]!,
  }));
  const cipher = createFieldCipher(t.config.dataKeys);
  await Contact.updateOne(
    { _id: stop!.contact._id },
    { $set: { phoneIndex: cipher.blindIndex(STOP_PHONE, SEALED.phoneIndex) } },
  );
  // An erased contact had opted out: its invitation was a refusal.
  await Contact.updateOne({ _id: erased!.contact._id }, { $set: { optedOutAt: at } });
  await Invitation.updateOne({ _id: receipt!.invitation._id }, { $set: { invitedAt: at } });
  await SmsMessage.insertMany(
    [bounce!, receipt!].map(({ invitation }, k) => ({
      authorityId: wave.authorityId,
      waveId: wave._id,
      invitationId: invitation._id,
      contactId: invitation.contactId,
      kind: "invitation",
      seq: 0,
      key: `sent-${k}`,
      status: "sent",
      notBefore: at,
    })),
  );
  await addResponses(wave, respondentsOf(true));
  for (const name of LISTS)
    await mongoose.connection
      .collection(name)
      .updateMany({}, { $set: { createdAt: at, updatedAt: at } });
  const researcher = await signInAs(testApp(t), "researcher");
  await researcher.agent
    .put(`/api/results/authorities/${authority.slug}/margins`)
    .set("X-CSRF-Token", researcher.csrf)
    .send({ margins: [{ variable: "dem_sex", shares: { "1": 0.5, "2": 0.5 } }] })
    .expect(200);
  return { authority, wave, cipher, stop, bounce, receipt, complete, erased, staff };
}

type World = Awaited<ReturnType<typeof world>>;

/** A server of its own: an app with its own aggregate cache, and a researcher signed in. */
async function server(): Promise<SignedIn> {
  return signInAs(testApp(t, {}, { aggregates: createAggregateCache() }), "researcher");
}

/** What a view shows of the wave's weighting: every wave's disclosure and every construct. */
async function view(s: SignedIn, slug: string) {
  const body = (await s.agent.get(`/api/results/authorities/${slug}?lang=en`).expect(200)).body as {
    waves: Array<{ disclosure: unknown }>;
    constructs: unknown;
  };
  return { disclosures: body.waves.map((w) => w.disclosure), constructs: body.constructs };
}

/** The commands a view sent to the collections of the list. */
async function commandsOf(s: SignedIn, slug: string) {
  const from = seen.length;
  await view(s, slug);
  return seen.slice(from).filter((e) => LISTS.includes(String(e.command[e.commandName])));
}

it("reads nothing of the list again when nothing on it changed", async () => {
  const w = await world();
  const s = await server();
  const first = await commandsOf(s, w.authority.slug);
  expect(first.some((e) => e.commandName === "find")).toBe(true);
  const again = await commandsOf(s, w.authority.slug);
  expect(again.filter((e) => e.commandName !== "count").map((e) => e.commandName)).toEqual([]);
}, 60_000);

it("reads the contacts its list invited, not every contact of the authority", async () => {
  const w = await world();
  const before = await view(await server(), w.authority.slug);
  // Contacts of the authority that this wave did not invite (another wave's
  // list), one of them opted out: they change nothing, and are not read.
  await Contact.insertMany(
    Array.from({ length: 40 }, (_, i) => ({
      authorityId: w.authority._id,
      phoneSealed: `other-${i}`,
      phoneIndex: `other-${i}`,
      locale: "he",
      ...(i === 0 ? { optedOutAt: at } : {}),
    })),
  );
  const s = await server();
  // The list's read of its contacts (the change check's reads go by their stamps).
  const reads = (await commandsOf(s, w.authority.slug)).filter(
    (e) => e.command.find === "contacts" && !("updatedAt" in e.command.filter),
  );
  const invited = await Invitation.distinct("contactId", { waveId: w.wave._id });
  expect(reads.map((e) => e.command.filter._id?.$in?.length)).toEqual([invited.length]);
  expect(await view(s, w.authority.slug)).toEqual(before);
}, 60_000);

/** The commands a raked wave's responses export sent, after a view on the same server. */
async function exportCommands() {
  const w = await world();
  const s = await server();
  await view(s, w.authority.slug);
  const from = seen.length;
  const file = await s.agent
    .get(`/api/exports/responses?authority=${w.authority.slug}&format=csv`)
    .expect(200);
  expect(file.text.trim().split("\n")).toHaveLength(1 + respondentsOf(true).length);
  return seen.slice(from);
}

it("an export reads each response once: its raking cells come from its rows", async () => {
  const responseReads = (await exportCommands()).filter(
    (e) => e.command[e.commandName] === "responses",
  );
  expect(responseReads.filter((e) => e.commandName === "aggregate")).toEqual([]);
  // One read of the wave's rows (the other find asks for rows with no export key yet).
  const rowReads = responseReads.filter(
    (e) => e.commandName === "find" && !("exportKey" in e.command.filter),
  );
  expect(rowReads).toHaveLength(1);
}, 60_000);

it("an export takes the lists the server's views hold", async () => {
  // Nothing of the list is read again, beyond the check for writes by their stamps.
  const listReads = (await exportCommands()).filter(
    (e) =>
      LISTS.includes(String(e.command[e.commandName])) &&
      e.commandName !== "count" &&
      !("updatedAt" in (e.command.filter ?? {})),
  );
  expect(listReads.map((e) => `${e.commandName} ${e.command[e.commandName]}`)).toEqual([]);
}, 60_000);

const changes: Array<[string, (w: World) => Promise<unknown>]> = [
  ["a bounce", () => handleReceipt({ reference: "sent-0", status: "undeliverable" })],
  ["a delivery receipt", () => handleReceipt({ reference: "sent-1", status: "delivered" })],
  ["a STOP", (w) => optOutNumber(w.cipher, STOP_PHONE, "sms")],
  [
    // As a personal link's submission claims its invitation.
    "a completed invitation",
    (w) =>
      Invitation.findOneAndUpdate(
        { _id: w.complete!.invitation._id, completedAt: mongoose.trusted({ $exists: false }) },
        { $set: { completedAt: new Date() } },
      ),
  ],
  [
    "a new invitation",
    (w) =>
      importContacts(
        {
          columns: {},
          ignored: [],
          total: 1,
          valid: [{ line: 2, e164: NEW_PHONE, locale: "ar", panelConsent: false }],
          invalid: [],
          duplicates: [],
          warnings: [],
        },
        { authorityId: w.authority._id, waveId: w.wave._id },
        { cipher: w.cipher, linkSecret: t.config.linkSecret },
      ),
  ],
  // Erasure has no route yet: a DBA's delete, which leaves no updatedAt behind.
  ["an erased contact", (w) => Contact.deleteOne({ _id: w.erased!.contact._id })],
  [
    // Kept apart from contacts: the number's record alone keeps its invitation a refusal.
    "a staff opt-out recorded on its own",
    async (w) => {
      await OptOut.create({
        phoneIndex: w.staff!.contact.phoneIndex,
        at,
        source: "staff",
        authorityId: w.authority._id,
      });
      return null;
    },
  ],
];

describe.each(changes)("after %s", (_, change) => {
  it("shows on the next view what a fresh computation shows", async () => {
    const w = await world();
    const s = await server();
    const before = await view(s, w.authority.slug);
    await change(w);
    const after = await view(s, w.authority.slug);
    const fresh = await view(await server(), w.authority.slug);
    expect(fresh).not.toEqual(before);
    expect(after).toEqual(fresh);
  }, 60_000);
});

it("a write after another server's view shows on this server's next view", async () => {
  const w = await world();
  const [a, b] = [await server(), await server()];
  await view(a, w.authority.slug);
  const before = await view(b, w.authority.slug);
  await handleReceipt({ reference: "sent-0", status: "undeliverable" });
  // Server A sees the bounce first, and changes something of its own after it.
  await view(a, w.authority.slug);
  await optOutNumber(w.cipher, STOP_PHONE, "sms");
  await view(a, w.authority.slug);
  const seenByB = await view(b, w.authority.slug);
  const fresh = await view(await server(), w.authority.slug);
  expect(fresh).not.toEqual(before);
  expect(seenByB).toEqual(fresh);
  expect(await view(a, w.authority.slug)).toEqual(fresh);
}, 60_000);

it("sees a write stamped by a server whose clock is a few seconds behind", async () => {
  const w = await world();
  const s = await server();
  const before = await view(s, w.authority.slug);
  await Invitation.collection.updateOne(
    { _id: w.complete!.invitation._id },
    { $set: { completedAt: new Date(), updatedAt: new Date(Date.now() - 5_000) } },
  );
  const after = await view(s, w.authority.slug);
  const fresh = await view(await server(), w.authority.slug);
  expect(fresh).not.toEqual(before);
  expect(after).toEqual(fresh);
}, 60_000);
