import { Schema, model } from "mongoose";
import type { Principal } from "../access/principal";
import { NotFoundError } from "../errors";

/**
 * Progress of one responses export, for the exports screen: the file itself is
 * streamed (its length is not known up front, except for a .sav), so the page
 * that asked for it polls this instead. A document, not process memory: behind a
 * load balancer the poll may reach another server than the download.
 */
const exportJobSchema = new Schema(
  {
    /** The client-made job id (a UUID), given with the download. */
    _id: { type: String, required: true },
    /** Who asked; only they can read the job. */
    userId: { type: String, required: true },
    authority: { type: String, required: true },
    format: { type: String, required: true },
    total: { type: Number, required: true },
    written: { type: Number, required: true },
    state: { type: String, enum: ["running", "done", "failed"], required: true },
    startedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    /** Removed by the TTL index a day after its last update. */
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, collection: "export_jobs" },
);
exportJobSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
export const ExportJob = model("ExportJob", exportJobSchema);

const DAY_MS = 86_400_000;
/** Progress is written at most this often: a poll every second or two sees it move. */
const EVERY_MS = 1000;

/** The progress of an export as the exports screen reads it. */
export interface ExportJobView {
  job: string;
  authority: string;
  format: string;
  total: number;
  written: number;
  state: "running" | "done" | "failed";
  startedAt: string;
  updatedAt: string;
}

/** What an export reports its progress to. */
export interface JobTracker {
  progress(written: number, total: number): void;
  finish(state: "done" | "failed", written: number): Promise<void>;
}

/**
 * Starts tracking an export under the caller's job id, rows written of the total
 * planned. Writes are throttled and never awaited by the export itself: a slow
 * progress write must not slow the file.
 */
export async function startJob(
  job: string,
  principal: Principal,
  request: { authority: string; format: string },
  total: number,
): Promise<JobTracker> {
  const now = new Date();
  await ExportJob.replaceOne(
    { _id: job },
    {
      _id: job,
      userId: principal.id,
      ...request,
      total,
      written: 0,
      state: "running",
      startedAt: now,
      updatedAt: now,
      expiresAt: new Date(now.getTime() + DAY_MS),
    },
    { upsert: true },
  );
  let last = Date.now();
  let pending: Promise<unknown> = Promise.resolve();
  const write = (set: Record<string, unknown>) => {
    const at = new Date();
    pending = pending
      .then(() =>
        ExportJob.updateOne(
          { _id: job },
          { $set: { ...set, updatedAt: at, expiresAt: new Date(at.getTime() + DAY_MS) } },
        ),
      )
      .catch(() => undefined);
    return pending;
  };
  return {
    progress(written) {
      if (Date.now() - last < EVERY_MS) return;
      last = Date.now();
      void write({ written });
    },
    async finish(state, written) {
      await write({ state, written });
    },
  };
}

/** An export's progress, for the person who started it; anyone else's is not found. */
export async function jobProgress(job: string, principal: Principal): Promise<ExportJobView> {
  const doc = await ExportJob.findOne({ _id: job, userId: principal.id }).lean();
  if (!doc) throw new NotFoundError();
  return {
    job: doc._id,
    authority: doc.authority,
    format: doc.format,
    total: doc.total,
    written: doc.written,
    state: doc.state as ExportJobView["state"],
    startedAt: doc.startedAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}
