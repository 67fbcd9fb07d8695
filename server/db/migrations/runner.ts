import type { mongo } from "mongoose";
import type { Logger } from "pino";
import type { IndexSpec, Migration, MigrationContext } from "./migration";

/** The collection that records which migrations ran, and the indexes each one made. */
export const MIGRATIONS_COLLECTION = "migrations";

/** A migration's record: claimed when it starts, completed when it is done. */
interface MigrationRecord {
  _id: string;
  description: string;
  startedAt: Date;
  completedAt?: Date;
  /** Set when its run threw: the next start runs it again. */
  failedAt?: Date;
  indexes: { collection: string; name: string }[];
}

/**
 * A claim older than this with no completion is taken to be a process that died while
 * running it, and taken over (a run that threw is taken over at once: failedAt).
 */
const STALE_CLAIM_MS = 10 * 60_000;
const WAIT_STEP_MS = 250;

/** Thrown when a migration would drop an index no migration created. */
export class ForeignIndexError extends Error {
  override name = "ForeignIndexError";
}

/** The name MongoDB gives an index without one: `waveId_1_panelId_1`. */
export function defaultIndexName(key: IndexSpec["key"]): string {
  return Object.entries(key)
    .map(([field, dir]) => `${field}_${dir}`)
    .join("_");
}

function contextFor(db: mongo.Db, logger: Logger, id: string): MigrationContext {
  const records = db.collection<MigrationRecord>(MIGRATIONS_COLLECTION);
  return {
    db,
    logger,
    async createIndexes(specs) {
      for (const spec of specs) {
        const name = spec.options?.name ?? defaultIndexName(spec.key);
        await db.collection(spec.collection).createIndex(spec.key, { ...spec.options, name });
        // Recorded as it goes, so a run cut short still knows what it made.
        await records.updateOne(
          { _id: id },
          { $addToSet: { indexes: { collection: spec.collection, name } } },
        );
      }
    },
    async dropIndex(collection, name) {
      const made = await records.countDocuments({ indexes: { collection, name } });
      if (made === 0)
        throw new ForeignIndexError(
          `${collection}.${name} was not created by a migration; it is left in place`,
        );
      await db.collection(collection).dropIndex(name);
    },
  };
}

/**
 * Claims a migration for this process: true when it is ours to run, false when
 * another process completed it (waiting while one runs it).
 */
async function claim(db: mongo.Db, migration: Migration): Promise<boolean> {
  const records = db.collection<MigrationRecord>(MIGRATIONS_COLLECTION);
  for (;;) {
    const now = new Date();
    try {
      await records.insertOne({
        _id: migration.id,
        description: migration.description,
        startedAt: now,
        indexes: [],
      });
      return true;
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }
    const existing = await records.findOne({ _id: migration.id });
    if (!existing) continue; // removed in between: claim again
    if (existing.completedAt) return false;
    if (existing.failedAt || now.getTime() - existing.startedAt.getTime() > STALE_CLAIM_MS) {
      const taken = await records.updateOne(
        { _id: migration.id, startedAt: existing.startedAt, completedAt: { $exists: false } },
        { $set: { startedAt: now }, $unset: { failedAt: "" } },
      );
      if (taken.modifiedCount === 1) return true;
    }
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
}

/**
 * Brings the database up to date: runs, in id order, each migration not yet
 * recorded as completed, and returns the ids it ran. Several processes starting
 * at once run each migration once (the record's _id is the claim); the others
 * wait for it. Nothing here drops an index: a migration may only drop one an
 * earlier migration made.
 */
export async function runMigrations(
  db: mongo.Db,
  logger: Logger,
  migrations: readonly Migration[],
): Promise<string[]> {
  const ids = migrations.map((m) => m.id);
  if (new Set(ids).size !== ids.length || ids.some((id, i) => i > 0 && id <= ids[i - 1]!))
    throw new Error("Migration ids must be unique and in ascending order");
  const records = db.collection<MigrationRecord>(MIGRATIONS_COLLECTION);
  const done = new Set(
    (
      await records.find({ completedAt: { $exists: true } }, { projection: { _id: 1 } }).toArray()
    ).map((r) => r._id),
  );
  const applied: string[] = [];
  for (const migration of migrations) {
    if (done.has(migration.id)) continue;
    if (!(await claim(db, migration))) continue;
    logger.info({ migration: migration.id }, "migration started");
    try {
      await migration.up(contextFor(db, logger, migration.id));
    } catch (err) {
      await records.updateOne({ _id: migration.id }, { $set: { failedAt: new Date() } });
      throw err;
    }
    await records.updateOne({ _id: migration.id }, { $set: { completedAt: new Date() } });
    logger.info({ migration: migration.id }, "migration completed");
    applied.push(migration.id);
  }
  return applied;
}
