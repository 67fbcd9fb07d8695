import mongoose, { Schema, model } from "mongoose";
import type { Principal } from "../access/principal";
import { audit } from "../audit/service";
import { SurveyResponse } from "../responses/model";
import { waveInScope } from "../waves/service";

/**
 * Open-link responses flagged as a burst (server/take/stuffing-guard.ts) that a
 * researcher chose to leave out of results. They are moved here whole, not
 * deleted, and moved back on request: every reader of responses (dashboards,
 * exports, the public page, analysis) then honours the choice without a filter
 * of its own, and the results' cache sees the count change as it sees any other.
 */
const excludedSchema = new Schema({ waveId: Schema.Types.ObjectId }, { strict: false });
excludedSchema.index({ waveId: 1 });
export const ExcludedResponse = model("ExcludedResponse", excludedSchema, "excluded_responses");

const flaggedOf = (waveId: mongoose.Types.ObjectId) => ({
  waveId,
  flags: mongoose.trusted({ $exists: true }),
});

/** A wave's flagged responses: those counted in results and those left out. */
export async function flaggedCounts(waveId: mongoose.Types.ObjectId) {
  const [counted, excluded] = await Promise.all([
    SurveyResponse.countDocuments(flaggedOf(waveId)),
    ExcludedResponse.countDocuments({ waveId }),
  ]);
  return { counted, excluded };
}

/** Moves documents between the two collections: copied first, then removed (a rerun completes it). */
async function move(
  from: mongoose.mongo.Collection,
  to: mongoose.mongo.Collection,
  filter: Record<string, unknown>,
): Promise<number> {
  const docs = await from.find(filter).toArray();
  if (docs.length === 0) return 0;
  try {
    await to.insertMany(docs, { ordered: false });
  } catch (err) {
    // Copied by an earlier, interrupted move: those are already there.
    const codes = (err as { writeErrors?: Array<{ code?: number }> }).writeErrors ?? [];
    if (codes.length === 0 || codes.some((e) => e.code !== 11000)) throw err;
  }
  await from.deleteMany({ _id: { $in: docs.map((d) => d._id) } });
  return docs.length;
}

/**
 * Leaves a wave's flagged responses out of its results (exclude) or puts them back.
 * Audited as a wave change with the number moved.
 */
export async function setFlaggedExcluded(
  principal: Principal,
  slug: string,
  waveId: string,
  exclude: boolean,
  ip: string | undefined,
) {
  const { wave } = await waveInScope(principal, slug, waveId);
  const responses = SurveyResponse.collection;
  const excluded = ExcludedResponse.collection;
  const moved = exclude
    ? await move(responses, excluded, flaggedOf(wave._id))
    : await move(excluded, responses, { waveId: wave._id });
  await audit({
    action: "wave.updated",
    actor: principal,
    target: { kind: "wave", id: wave._id.toHexString() },
    authorityId: wave.authorityId,
    ip,
    details: { fields: ["flaggedResponses"], excludeFlagged: exclude, moved },
  });
  return flaggedCounts(wave._id);
}
