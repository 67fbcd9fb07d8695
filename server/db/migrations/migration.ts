import type { mongo } from "mongoose";
import type { Logger } from "pino";

/** One index a migration creates: the collection, its keys and the options that matter. */
export interface IndexSpec {
  collection: string;
  key: Record<string, 1 | -1>;
  options?: Pick<
    mongo.CreateIndexesOptions,
    "unique" | "sparse" | "partialFilterExpression" | "expireAfterSeconds" | "name"
  >;
}

/** What a migration gets: the database, and index steps that keep the record of what it made. */
export interface MigrationContext {
  /** mongoose's driver, so the types are the ones of the connection it comes from. */
  db: mongo.Db;
  logger: Logger;
  /** Creates the indexes (an existing identical one is left as it is) and records their names. */
  createIndexes(specs: readonly IndexSpec[]): Promise<void>;
  /**
   * Drops an index that an earlier migration created; any other (a DBA's, say) is refused,
   * so a migration can replace its own indexes but never remove one it did not make.
   */
  dropIndex(collection: string, name: string): Promise<void>;
}

/**
 * A versioned change to the database: indexes or data. Applied once, in id order, and
 * recorded in the `migrations` collection; an applied migration is never edited (write
 * a new one), since stores that already ran it would never see the change.
 */
export interface Migration {
  /** Sorts in the order migrations run: `0001-baseline-indexes`. */
  id: string;
  description: string;
  up(ctx: MigrationContext): Promise<void>;
}
