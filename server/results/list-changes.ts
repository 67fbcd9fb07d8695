import mongoose, { type Model } from "mongoose";
import { Contact, OptOut } from "../distribution/contacts/model";
import { Invitation } from "../distribution/invitations/model";
import { SmsMessage } from "../distribution/queue/model";

/**
 * What was written to a wave's SMS list (its invitations, their messages, the
 * authority's contacts, opt-outs) since the last check of one cache, so a view
 * reads again only the lists that could have changed (issue 22).
 *
 * Every write to these collections stamps `updatedAt` (server/distribution/
 * stamped-writes.ts). A check reads the documents stamped since the previous
 * check began, less a margin for the clocks of other app servers, and compares
 * each with what the previous check saw of it: a document it did not see, or
 * saw with another stamp, touched its wave (or its authority, or every
 * authority with that number). The margin makes the same document show up in
 * two checks in a row; the comparison keeps that from recomputing anything.
 * A window with nothing in it costs one count per collection.
 *
 * Deletions leave no stamp: each collection's size must be the last size plus
 * the documents created since; any other size (an erased contact, a removed
 * wave) touches every list.
 */

/** The most the clocks of two app servers may differ by: stamps this far back are read again. */
const CLOCK_MARGIN_MS = 60_000;
/** Beyond this many numbers opted out since the last check, every authority is touched. */
const MAX_NUMBERS = 500;

/** What a check found touched. */
export interface ListTouches {
  /** Every list: something was removed, or this is the first check. */
  all: boolean;
  waves: Set<string>;
  authorities: Set<string>;
}

interface Stamped {
  _id: mongoose.Types.ObjectId;
  createdAt?: Date;
  updatedAt?: Date;
  waveId?: mongoose.Types.ObjectId;
  authorityId?: mongoose.Types.ObjectId | null;
  phoneIndex?: string;
}

interface Watched {
  // One of the four models, seen as its stamp and scope fields (all it reads of them).
  model: Model<Stamped>;
  fields: Record<string, 1>;
  /** Where a change of this document can show. */
  touch(doc: Stamped, into: ListTouches, numbers: Set<string>): void;
}

const byWave = (d: Stamped, into: ListTouches) => {
  if (d.waveId) into.waves.add(d.waveId.toHexString());
};

const WATCHED: readonly Watched[] = [
  { model: Invitation as unknown as Model<Stamped>, fields: { waveId: 1 }, touch: byWave },
  { model: SmsMessage as unknown as Model<Stamped>, fields: { waveId: 1 }, touch: byWave },
  {
    model: Contact as unknown as Model<Stamped>,
    fields: { authorityId: 1 },
    touch: (d, into) => {
      if (d.authorityId) into.authorities.add(d.authorityId.toHexString());
    },
  },
  {
    model: OptOut as unknown as Model<Stamped>,
    fields: { authorityId: 1, phoneIndex: 1 },
    // A staff opt-out keeps the number out of its authority; a STOP, out of every one.
    touch: (d, into, numbers) => {
      if (d.authorityId) into.authorities.add(d.authorityId.toHexString());
      else if (d.phoneIndex) numbers.add(d.phoneIndex);
    },
  },
];

interface Seen {
  /** Stamp of each document in the last window, by id. */
  stamps: Map<string, number>;
  /** The collection's size at the last check. */
  size: number;
}

/** The changes of one cache: each check says what was touched since the one before. */
export interface ListChanges {
  check(): Promise<ListTouches>;
}

/** Makes a change check with nothing seen yet (its first check touches every list). */
export function createListChanges(): ListChanges {
  let last: number | null = null;
  let seen: Seen[] | null = null;

  async function count(m: Model<Stamped>, query: object): Promise<number> {
    const reply = await m.db.db!.command({ count: m.collection.collectionName, query });
    return Number(reply.n);
  }

  return {
    async check() {
      const began = Date.now();
      const from = new Date((last ?? began) - CLOCK_MARGIN_MS);
      const keepFrom = began - CLOCK_MARGIN_MS;
      const into: ListTouches = { all: seen === null, waves: new Set(), authorities: new Set() };
      const numbers = new Set<string>();
      const next = await Promise.all(
        WATCHED.map(async (w, i): Promise<Seen> => {
          const before = seen?.[i];
          const recent = { updatedAt: { $gte: from } };
          // The window first, then the size: a document created in between is
          // counted as created next time too, which can only touch too much.
          const docs =
            (await count(w.model, recent)) > 0
              ? ((await w.model
                  .find(
                    { updatedAt: mongoose.trusted({ $gte: from }) },
                    { ...w.fields, createdAt: 1, updatedAt: 1 },
                  )
                  .lean()) as Stamped[])
              : [];
          const size = await w.model.estimatedDocumentCount();
          const stamps = new Map<string, number>();
          let created = 0;
          for (const d of docs) {
            const id = d._id.toHexString();
            const stamp = d.updatedAt?.getTime() ?? 0;
            const had = before?.stamps.get(id);
            if (had !== stamp) w.touch(d, into, numbers);
            if (had === undefined && d.createdAt && d.createdAt >= from) created += 1;
            if (stamp >= keepFrom) stamps.set(id, stamp);
          }
          if (before && size !== before.size + created) into.all = true;
          return { stamps, size };
        }),
      );
      if (numbers.size > MAX_NUMBERS) into.all = true;
      else if (numbers.size > 0 && !into.all) {
        const holders = await Contact.distinct("authorityId", {
          phoneIndex: mongoose.trusted({ $in: [...numbers] }),
        });
        for (const a of holders) into.authorities.add(String(a));
      }
      last = began;
      seen = next;
      return into;
    },
  };
}
