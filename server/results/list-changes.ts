import mongoose, { type Model } from "mongoose";
import { Contact, OptOut } from "../distribution/contacts/model";
import { Invitation } from "../distribution/invitations/model";
import { SmsMessage } from "../distribution/queue/model";
import {
  createStampWindow,
  type Stamped as StampedDoc,
  type StampedModel,
  type WindowState,
} from "./stamp-window";

/**
 * What was written to a wave's SMS list (its invitations, their messages, the
 * authority's contacts, opt-outs) since the last check of one cache, so a view
 * reads again only the lists that could have changed (issue 22).
 *
 * Every write to these collections stamps `updatedAt` (server/distribution/
 * stamped-writes.ts); each collection is watched through a stamp window
 * (stamp-window.ts), and a document it finds changed touches its wave (or its
 * authority, or every authority with that number). A removed document, or the
 * first check, touches every list.
 */

/** Beyond this many numbers opted out since the last check, every authority is touched. */
const MAX_NUMBERS = 500;

/** What a check found touched. */
export interface ListTouches {
  /** Every list: something was removed, or this is the first check. */
  all: boolean;
  waves: Set<string>;
  authorities: Set<string>;
}

interface Stamped extends StampedDoc {
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

/** The changes of one cache: each check says what was touched since the one before. */
export interface ListChanges {
  check(): Promise<ListTouches>;
  /** What the last check saw of each collection (null before the first). */
  state(): WindowState[] | null;
  /**
   * Continues from another cache's state (StampWindow.takeUp); before the first check.
   * False, and nothing taken up, when the states are of other collections than these.
   */
  takeUp(states: readonly WindowState[]): boolean;
}

/** Makes a change check with nothing seen yet (its first check touches every list). */
export function createListChanges(): ListChanges {
  const windows = WATCHED.map((w) =>
    createStampWindow<Stamped>(w.model as unknown as StampedModel, w.fields),
  );
  return {
    async check() {
      const into: ListTouches = { all: false, waves: new Set(), authorities: new Set() };
      const numbers = new Set<string>();
      const found = await Promise.all(windows.map((w) => w.check()));
      found.forEach(({ all, changed }, i) => {
        if (all) into.all = true;
        for (const d of changed) WATCHED[i]!.touch(d, into, numbers);
      });
      if (numbers.size > MAX_NUMBERS) into.all = true;
      else if (numbers.size > 0 && !into.all) {
        const holders = await Contact.distinct("authorityId", {
          phoneIndex: mongoose.trusted({ $in: [...numbers] }),
        });
        for (const a of holders) into.authorities.add(String(a));
      }
      return into;
    },
    state() {
      const states = windows.map((w) => w.state());
      return states.every((st): st is WindowState => st !== null) ? states : null;
    },
    takeUp(states) {
      if (states.length !== windows.length) return false;
      windows.forEach((w, i) => w.takeUp(states[i]!));
      return true;
    },
  };
}
