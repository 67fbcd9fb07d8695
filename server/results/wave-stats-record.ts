import { Schema, model } from "mongoose";

/**
 * A wave's sufficient statistics (server/results/wave-stats.ts), kept up to date
 * as responses arrive. `version` rises with every change, so two servers folding
 * the same wave cannot both count a response (the second write finds the
 * version moved and starts over). `pendingIds` are the responses the last
 * change folded in but has not yet marked `aggregated`: a server that stopped
 * between the two writes leaves them here, and the next fold marks them first.
 */
const statsSchema = new Schema(
  {
    /** The wave's id. */
    _id: { type: Schema.Types.ObjectId, required: true },
    authorityId: { type: Schema.Types.ObjectId, required: true },
    format: { type: Number, required: true },
    instrumentVersionId: { type: String, required: true },
    /** The margin variables the cells are made of (wave-stats cellVariables). */
    variables: { type: String, required: true },
    version: { type: Number, required: true },
    /** encodeStats's JSON text. */
    stats: { type: String, required: true },
    pendingIds: { type: [Schema.Types.ObjectId], default: [] },
    /** Set by the write that made the record. */
    createdAt: { type: Date },
    /** Set by every write: the dashboards' caches read again the records written since their last view. */
    updatedAt: { type: Date, required: true },
  },
  { minimize: false, versionKey: false, collection: "wave_stats" },
);
statsSchema.index({ updatedAt: 1 });

export const WaveStatsRecord = model("WaveStatsRecord", statsSchema);

/** Bumped whenever the statistics kept per wave change shape or meaning. */
export const STATS_FORMAT = 7;
