import { Schema, model } from "mongoose";

/**
 * The SMS lists a server's dashboards last held (server/results/wave-lists.ts), with
 * what its check for writes had seen of the lists' collections then, so a restart
 * (or another server) takes them up and reads again only the lists written to
 * since, instead of every wave's invitations. One document: whichever server saved
 * last, its lists and its check agree with each other.
 */
const snapshotSchema = new Schema(
  {
    /** Always "lists". */
    _id: { type: String, required: true },
    format: { type: Number, required: true },
    /** The check's StampWindow states, one per watched collection (list-changes.ts). */
    windows: { type: Schema.Types.Mixed, required: true },
    /** The held lists (wave-lists.ts StoredList), resolved ones only. */
    lists: { type: Schema.Types.Mixed, required: true },
    updatedAt: { type: Date, required: true },
  },
  { minimize: false, versionKey: false, collection: "wave_list_snapshots" },
);

export const WaveListSnapshot = model("WaveListSnapshot", snapshotSchema);

/** Bumped whenever what a stored list holds changes shape or meaning. */
export const LIST_SNAPSHOT_FORMAT = 1;
