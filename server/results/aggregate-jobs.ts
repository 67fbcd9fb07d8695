import { Schema, Types, model } from "mongoose";
import { NotFoundError } from "../errors";

/**
 * A background recomputation of wave statistics, started when a wave's
 * statistics no longer fit what it is now (its instrument version or its margin
 * variables changed, or responses were removed or moved out of it): the
 * dashboards keep showing the last statistics meanwhile, and an analyst
 * follows the progress here. A document, so any app server answers the poll.
 */
const aggregateJobSchema = new Schema(
  {
    reason: { type: String, enum: ["instrument", "margins", "removed", "format"], required: true },
    waves: { type: [Schema.Types.ObjectId], required: true },
    total: { type: Number, required: true },
    done: { type: Number, required: true },
    state: { type: String, enum: ["running", "done", "failed"], required: true },
    startedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    /** Removed by the TTL index a week after its last update. */
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, collection: "aggregate_jobs" },
);
aggregateJobSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
aggregateJobSchema.index({ startedAt: -1 });
export const AggregateJob = model("AggregateJob", aggregateJobSchema);

/** Why a wave's statistics are recomputed. */
export type RecomputeReason = "instrument" | "margins" | "removed" | "format";

const WEEK_MS = 7 * 86_400_000;

/** A recomputation's progress as the API gives it. */
export interface AggregateJobView {
  job: string;
  reason: RecomputeReason;
  total: number;
  done: number;
  state: "running" | "done" | "failed";
  startedAt: string;
  updatedAt: string;
}

const expiry = (at: Date) => new Date(at.getTime() + WEEK_MS);

/** Records a new recomputation of these waves and returns its id. */
export async function createAggregateJob(
  reason: RecomputeReason,
  waves: readonly Types.ObjectId[],
): Promise<string> {
  const now = new Date();
  const doc = await AggregateJob.create({
    reason,
    waves: [...waves],
    total: waves.length,
    done: 0,
    state: "running",
    startedAt: now,
    updatedAt: now,
    expiresAt: expiry(now),
  });
  return doc._id.toHexString();
}

/** Records progress (waves done) or the end of a recomputation. */
export async function updateAggregateJob(
  job: string,
  set: { done?: number; state?: "done" | "failed" },
): Promise<void> {
  const at = new Date();
  await AggregateJob.updateOne(
    { _id: new Types.ObjectId(job) },
    { $set: { ...set, updatedAt: at, expiresAt: expiry(at) } },
  );
}

function view(doc: {
  _id: Types.ObjectId;
  reason: string;
  total: number;
  done: number;
  state: string;
  startedAt: Date;
  updatedAt: Date;
}): AggregateJobView {
  return {
    job: doc._id.toHexString(),
    reason: doc.reason as RecomputeReason,
    total: doc.total,
    done: doc.done,
    state: doc.state as AggregateJobView["state"],
    startedAt: doc.startedAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/** One recomputation's progress; an unknown id is not found. */
export async function aggregateJobProgress(job: string): Promise<AggregateJobView> {
  const doc = Types.ObjectId.isValid(job)
    ? await AggregateJob.findById(new Types.ObjectId(job)).lean()
    : null;
  if (!doc) throw new NotFoundError();
  return view(doc);
}

/** The latest recomputations, newest first. */
export async function recentAggregateJobs(limit = 20): Promise<AggregateJobView[]> {
  const docs = await AggregateJob.find({}).sort({ startedAt: -1 }).limit(limit).lean();
  return docs.map(view);
}
