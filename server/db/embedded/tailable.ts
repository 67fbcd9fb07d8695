import type { Document } from "bson";
import { Collection, type CollectionView } from "./collection";
import type { DataSource } from "./engine";
import { CommandFault, faults } from "./errors";
import type { Matcher } from "./equality-filter";

/**
 * Tailable cursors on capped collections (manual: Tailable Cursors). Such a
 * cursor reads in natural (insertion) order and stands on the last document
 * it looked at; each getMore past its first results returns the documents
 * inserted after that one which match its filter, and stays open when there
 * are none. With awaitData a getMore waits for them up to its maxTimeMS.
 * When capping has removed the document the cursor stood on, its place is
 * lost: 136 CappedPositionLost, as MongoDB answers.
 */

/** How long an awaitData getMore waits when it gives no maxTimeMS, as in MongoDB. */
export const DEFAULT_AWAIT_MS = 1000;
/** How often a waiting getMore looks for new documents. */
const POLL_MS = 15;

/** Refuses the tailable options MongoDB refuses; true when the find asks for a tailable cursor. */
export function checkTailable(
  cmd: Document,
  collection: CollectionView | undefined,
  ns: string,
): boolean {
  if (cmd.awaitData === true && cmd.tailable !== true)
    throw faults.failedToParse("Cannot set 'awaitData' without also setting 'tailable'");
  if (cmd.tailable !== true) return false;
  const sort = cmd.sort as Document | undefined;
  const keys = sort ? Object.keys(sort) : [];
  if (
    keys.length > 0 &&
    (keys.length !== 1 || keys[0] !== "$natural" || Number(sort!.$natural) !== 1)
  )
    throw faults.badValue("cannot use tailable option with a sort other than {$natural: 1}");
  if (cmd.singleBatch === true)
    throw faults.badValue("cannot use tailable option with the 'singleBatch' option");
  if (collection && !collection.options.capped)
    throw faults.badValue(
      `error processing query: ns=${ns} tailable cursor requested on non capped collection`,
    );
  return true;
}

/** The documents a tailable cursor finds after its first results. */
export class Tail<Out> {
  private constructor(
    private readonly source: DataSource,
    private readonly db: string,
    private readonly name: string,
    private readonly query: Matcher,
    /** Shapes found documents as the cursor hands them out (projection). */
    private readonly present: (docs: Document[]) => Out[],
    readonly awaitData: boolean,
    private position: string,
  ) {}

  /**
   * A tail for a find that has just read `collection`, or undefined when there
   * is nothing to stand on: MongoDB keeps no tailable cursor on an empty collection.
   */
  static open<Out>(
    source: DataSource,
    collection: CollectionView,
    query: Matcher,
    present: (docs: Document[]) => Out[],
    awaitData: boolean,
  ): Tail<Out> | undefined {
    if (!(collection instanceof Collection))
      throw new CommandFault(
        263,
        "OperationNotSupportedInTransaction",
        "a tailable cursor cannot be opened in a transaction",
      );
    const last = collection.lastKey();
    if (last === undefined) return undefined;
    return new Tail(source, collection.db, collection.name, query, present, awaitData, last);
  }

  /** The matching documents inserted since the last call; moves the cursor to the newest document. */
  more(): Out[] {
    const collection = this.source.collection(this.db, this.name);
    if (!(collection instanceof Collection))
      throw new CommandFault(175, "QueryPlanKilled", "collection dropped");
    const after = collection.after(this.position);
    if (!after)
      throw new CommandFault(
        136,
        "CappedPositionLost",
        `CollectionScan died due to position in capped collection being deleted. Last seen record id: ${this.position}`,
      );
    if (after.length === 0) return [];
    this.position = after[after.length - 1]![0];
    return this.present(after.map(([, doc]) => doc).filter((doc) => this.query.test(doc)));
  }
}

/** Waits a polling interval; a waiting getMore lets other commands run meanwhile. */
export function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, POLL_MS));
}
