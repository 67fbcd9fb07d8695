import mongoose from "mongoose";
import { exportKeyOf } from "../responses/export-key";
import type { AnalyticsReadPreference } from "../results/read-preference";
import { SurveyResponse } from "../responses/model";

const BATCH = 1000;

/**
 * Gives the wave's responses stored without an export key (before the key
 * existed, or inserted by a path that does not set it) their key, so the
 * export's ordered read sees every response. Ids only are read, a batch at a
 * time; on an up-to-date wave this is one indexed query that finds nothing.
 * The search takes the export's read preference: only responses stored before
 * the key existed lack it, and those are on every member of a replica set, so a
 * secondary finds them as the primary would; the writes go to the primary.
 */
export async function backfillExportKeys(
  waveId: mongoose.Types.ObjectId,
  read: AnalyticsReadPreference,
  session?: mongoose.ClientSession,
): Promise<number> {
  const cursor = SurveyResponse.find(
    { waveId, exportKey: mongoose.trusted({ $exists: false }) },
    { _id: 1 },
  )
    .read(read)
    .session(session ?? null)
    .lean()
    .cursor({ batchSize: BATCH });
  let ops: mongoose.AnyBulkWriteOperation[] = [];
  let filled = 0;
  const flush = async () => {
    if (ops.length === 0) return;
    await SurveyResponse.collection.bulkWrite(ops as never, { ordered: false, session });
    filled += ops.length;
    ops = [];
  };
  for await (const doc of cursor) {
    ops.push({
      updateOne: {
        filter: { _id: doc._id, exportKey: { $exists: false } },
        update: { $set: { exportKey: exportKeyOf(doc._id) } },
      },
    });
    if (ops.length >= BATCH) await flush();
  }
  await flush();
  return filled;
}
