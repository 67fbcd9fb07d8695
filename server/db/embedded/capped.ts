import type { Document } from "bson";
import type { CollectionView } from "./collection";
import { CommandFault } from "./errors";

/**
 * What a capped collection refuses (manual: Capped Collections —
 * "Restrictions"): writes inside a transaction and `$out` into it. How it
 * keeps within its `size` and `max` is Collection's (collection.ts); the
 * tailable cursors it serves are tailable.ts's; `create` checks its options
 * (commands/ddl.ts). Turning an existing collection into a capped one is left
 * out: answered 115 CommandNotSupported, with the reason.
 */

/** True for a capped collection. */
export function isCapped(collection: CollectionView | undefined): boolean {
  return collection?.options.capped === true;
}

/** Refuses a write command to a capped collection when it runs inside a transaction. */
export function refuseWriteInTransaction(cmd: Document, collection: CollectionView | undefined) {
  if (cmd.autocommit !== false || !isCapped(collection)) return;
  throw new CommandFault(
    263,
    "OperationNotSupportedInTransaction",
    `Collection '${collection!.ns}' is a capped collection. Writes in transactions are not allowed on capped collections.`,
  );
}

/** Refuses `$out` into a capped collection. */
export function refuseOut(target: CollectionView | undefined): void {
  if (!isCapped(target)) return;
  throw new CommandFault(
    17152,
    "Location17152",
    `namespace '${target!.ns}' is capped so it can't be used for $out`,
  );
}

/** Refusal of the commands that make an existing collection capped. */
function notSupported(name: string): never {
  throw new CommandFault(
    115,
    "CommandNotSupported",
    `${name} is not supported by the embedded store: create the collection capped instead (create with capped: true and size); mongoose does the same for a schema's capped option`,
  );
}

/** Commands about capped collections that the store answers only with a refusal. */
export const cappedCommands = {
  convertToCapped: (): never => notSupported("convertToCapped"),
  cloneCollectionAsCapped: (): never => notSupported("cloneCollectionAsCapped"),
};
