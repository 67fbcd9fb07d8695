import mongoose, { Schema, Types, model } from "mongoose";
import { NotFoundError } from "../errors";
import { JOB_REASONS, type JOB_UNITS } from "./schema";

/**
 * A background job on wave statistics, followed here by an analyst while the
 * dashboards keep showing the last statistics. Either a recomputation, started
 * when a wave's statistics no longer fit what it is now (its instrument version
 * or its margin variables changed, or responses were removed or moved out of
 * it), counted in waves; or the fold of responses that arrived faster than views
 * fold them (a bulk import: reason "arrived"), counted in responses. A
 * document, so any app server answers the poll.
 */
/** Why a wave's statistics are recomputed. */
export type RecomputeReason = "instrument" | "margins" | "removed" | "format";
export type JobReason = (typeof JOB_REASONS)[number];

const aggregateJobSchema = new Schema(
  {
    reason: { type: String, enum: JOB_REASONS, required: true },
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

const WEEK_MS = 7 * 86_400_000;

/** A recomputation's progress as the API gives it. */
export interface AggregateJobView {
  job: string;
  reason: JobReason;
  /** What `total` and `done` count: waves recomputed, or responses folded. */
  unit: (typeof JOB_UNITS)[number];
  total: number;
  done: number;
  state: "running" | "done" | "failed";
  startedAt: string;
  updatedAt: string;
}

const expiry = (at: Date) => new Date(at.getTime() + WEEK_MS);

const unitOf = (reason: JobReason) => (reason === "arrived" ? "responses" : "waves");

/**
 * Records a new job on these waves and returns its id: `total` is the number of
 * waves, or of responses to fold for "arrived".
 */
export async function createAggregateJob(
  reason: JobReason,
  waves: readonly Types.ObjectId[],
  total = waves.length,
): Promise<string> {
  const now = new Date();
  const doc = await AggregateJob.create({
    reason,
    waves: [...waves],
    total,
    done: 0,
    state: "running",
    startedAt: now,
    updatedAt: now,
    expiresAt: expiry(now),
  });
  return doc._id.toHexString();
}

/**
 * Records progress (waves or responses done; a total that grew as more
 * arrived) or the end of a job.
 */
export async function updateAggregateJob(
  job: string,
  set: { done?: number; total?: number; state?: "done" | "failed" },
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
    reason: doc.reason as JobReason,
    unit: unitOf(doc.reason as JobReason),
    total: doc.total,
    done: doc.done,
    state: doc.state as AggregateJobView["state"],
    startedAt: doc.startedAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/** One job's progress; an unknown id is not found. */
export async function aggregateJobProgress(job: string): Promise<AggregateJobView> {
  const doc = Types.ObjectId.isValid(job)
    ? await AggregateJob.findById(new Types.ObjectId(job)).lean()
    : null;
  if (!doc) throw new NotFoundError();
  return view(doc);
}

/** The latest jobs, newest first. */
export async function recentAggregateJobs(limit = 20): Promise<AggregateJobView[]> {
  const docs = await AggregateJob.find({}).sort({ startedAt: -1 }).limit(limit).lean();
  return docs.map(view);
}

/** A job with no progress for this long is taken as stopped with its server. */
const ALIVE_MS = 2 * 60_000;

/** The filter of jobs running now: their state, and progress within ALIVE_MS. */
const runningNow = () => ({
  state: "running" as const,
  updatedAt: mongoose.trusted({ $gte: new Date(Date.now() - ALIVE_MS) }),
});

/**
 * The running job that touches any of these waves (a fold of arrivals touches
 * every wave, the program's benchmarks included), newest first; null if none.
 */
export async function jobUpdating(
  waves: readonly Types.ObjectId[],
): Promise<Pick<AggregateJobView, "reason" | "unit" | "done" | "total"> | null> {
  const doc = await AggregateJob.findOne(
    {
      ...runningNow(),
      $or: [{ reason: "arrived" }, { waves: mongoose.trusted({ $in: [...waves] }) }],
    },
    { reason: 1, total: 1, done: 1 },
  )
    .sort({ startedAt: -1 })
    .lean();
  if (!doc) return null;
  const reason = doc.reason as JobReason;
  return { reason, unit: unitOf(reason), done: doc.done, total: Math.max(doc.total, doc.done) };
}

/** Whether a server is folding arrivals now (a running "arrived" job with recent progress). */
export async function arrivalsBeingFolded(): Promise<boolean> {
  const found = await AggregateJob.exists({ reason: "arrived", ...runningNow() });
  return found !== null;
}
