import mongoose, { type Model } from "mongoose";

/**
 * What was written to one collection since the last check of one cache, found
 * by the stamp every write leaves (`updatedAt`): a cache that holds what it
 * read of a collection reads again only the documents written since, not the
 * whole collection (issue 22). Used for the SMS lists (list-changes.ts) and for
 * what the dashboards' aggregates hold of waves, wave statistics and margins
 * (aggregate-cache.ts).
 *
 * A check reads the documents stamped since the previous check began, less a
 * margin for the clocks of other app servers, and compares each with what the
 * previous check saw of it: one it did not see, or saw with another stamp, is
 * changed. The margin makes the same document show up in two checks in a row;
 * the comparison keeps that from counting it twice. A window with nothing in
 * it costs one count.
 *
 * Deletions leave no stamp: the collection's size must be the last size plus
 * the documents created since (by `createdAt`); any other size, like the first
 * check, says `all`: the caller reads the whole collection again.
 */

/** The most the clocks of two app servers may differ by: stamps this far back are read again. */
const CLOCK_MARGIN_MS = 60_000;

/** A document as a window reads it: its id, its stamps and the fields asked for. */
export interface Stamped {
  _id: mongoose.Types.ObjectId;
  createdAt?: Date;
  updatedAt?: Date;
}

/** A model as a window reads it: only its ids and stamps are typed. */
export type StampedModel = Model<Stamped>;

/** Any model whose writes leave `updatedAt`, seen as a window reads it. */
export const stampedModel = (model: { modelName: string; schema: unknown }) =>
  model as unknown as StampedModel;

/** What one check found. */
export interface WindowChanges<D extends Stamped> {
  /** Nothing can be said of what changed (first check, or a document removed): read it all. */
  all: boolean;
  /** Documents written since the last check (their fields as asked); empty when `all`. */
  changed: D[];
}

/**
 * What a window has seen at its last check, as plain data: a window made later
 * (after a restart, or on another server) that takes it up says at its first check
 * what was written since that check, instead of `all`.
 */
export interface WindowState {
  /** When the last check began (ms). */
  last: number;
  size: number;
  /** The stamp of each document of the last check's window, by id. */
  stamps: Array<[string, number]>;
}

/** One collection's changes, for one cache: each check says what was written since the one before. */
export interface StampWindow<D extends Stamped> {
  check(): Promise<WindowChanges<D>>;
  /** What the last check saw (null before the first). */
  state(): WindowState | null;
  /** Continues from a state another window saw; only before this window's first check. */
  takeUp(state: WindowState): void;
}

/**
 * Makes a window on `model`'s collection; `fields` are what `changed` carries
 * of each document (an inclusion projection), besides its stamps.
 */
export function createStampWindow<D extends Stamped>(
  model: StampedModel,
  fields: Record<string, 1>,
): StampWindow<D> {
  let last: number | null = null;
  /** Stamp of each document in the last window, by id, and the collection's size then. */
  let seen: { stamps: Map<string, number>; size: number } | null = null;

  return {
    async check() {
      const began = Date.now();
      const from = new Date((last ?? began) - CLOCK_MARGIN_MS);
      const keepFrom = began - CLOCK_MARGIN_MS;
      // The window first, then the size: a document created in between is
      // counted as created next time too, which can only say `all` too often.
      const reply = await model.db.db!.command({
        count: model.collection.collectionName,
        query: { updatedAt: { $gte: from } },
      });
      const docs =
        Number(reply.n) > 0
          ? ((await model
              .find(
                { updatedAt: mongoose.trusted({ $gte: from }) },
                { ...fields, createdAt: 1, updatedAt: 1 },
              )
              .lean()) as unknown as D[])
          : [];
      const size = await model.estimatedDocumentCount();
      const before = seen;
      const stamps = new Map<string, number>();
      const changed: D[] = [];
      let created = 0;
      for (const d of docs) {
        const id = d._id.toHexString();
        const stamp = d.updatedAt?.getTime() ?? 0;
        const had = before?.stamps.get(id);
        if (had !== stamp) changed.push(d);
        if (had === undefined && d.createdAt && d.createdAt >= from) created += 1;
        if (stamp >= keepFrom) stamps.set(id, stamp);
      }
      last = began;
      seen = { stamps, size };
      const all = before === null || size !== before.size + created;
      return { all, changed: all ? [] : changed };
    },
    state: () =>
      seen && last !== null ? { last, size: seen.size, stamps: [...seen.stamps] } : null,
    takeUp(state) {
      if (seen) throw new Error("a window takes up another's state before its first check only");
      last = state.last;
      seen = { stamps: new Map(state.stamps), size: state.size };
    },
  };
}
