import mongoose, { Schema, model } from "mongoose";
import { z } from "zod";
import type { Principal } from "../access/principal";
import { ConflictError, ValidationError } from "../errors";
import { SurveyResponse } from "../responses/model";
import { loadItemBank } from "../surveys/bank";
import { Wave } from "../waves/model";

/**
 * The program's pre-registered primary outcomes: the constructs the evaluation
 * will be judged on, chosen before any follow-up data exists. Every other
 * construct's difference in differences is exploratory. One document for the
 * program (the platform serves one program).
 */
const primaryOutcomesSchema = new Schema(
  {
    _id: { type: String, required: true },
    constructIds: { type: [String], required: true },
    registeredBy: { type: String, required: true },
  },
  { timestamps: true, collection: "primary_outcomes" },
);
export const PrimaryOutcomes = model("PrimaryOutcomes", primaryOutcomesSchema);

const PROGRAM = "program";

export const primaryOutcomesBody = z
  .object({
    constructIds: z
      .array(z.string().regex(/^[a-z0-9_]{2,60}$/))
      .min(1)
      .max(5),
  })
  .strict();

export const primaryOutcomesSchemaOut = z.object({
  constructIds: z.array(z.string()),
  registeredAt: z.iso.datetime().nullable(),
  frozen: z.boolean().describe("True once any follow-up wave has a response: no more edits"),
});
export type PrimaryOutcomesView = z.infer<typeof primaryOutcomesSchemaOut>;

/** True once a follow-up wave of any authority has a response: outcomes are then fixed. */
async function followUpDataExists(): Promise<boolean> {
  const followUps = await Wave.find({ kind: "follow-up" }, { _id: 1 }).lean();
  if (followUps.length === 0) return false;
  const one = await SurveyResponse.findOne(
    { waveId: mongoose.trusted({ $in: followUps.map((w) => w._id) }) },
    { _id: 1 },
  ).lean();
  return one !== null;
}

/** The registered primary outcomes (none yet: an empty list) and whether they are frozen. */
export async function primaryOutcomes(): Promise<PrimaryOutcomesView> {
  const [doc, frozen] = await Promise.all([
    PrimaryOutcomes.findById(PROGRAM).lean(),
    followUpDataExists(),
  ]);
  return {
    constructIds: doc?.constructIds ?? [],
    registeredAt: (doc?.updatedAt as Date | undefined)?.toISOString() ?? null,
    frozen,
  };
}

/**
 * Registers (or, before any follow-up data, changes) the primary outcomes.
 * Refused with 409 once a follow-up wave has a response: outcomes chosen
 * after seeing the data are not pre-registered.
 */
export async function registerPrimaryOutcomes(
  principal: Principal,
  body: z.infer<typeof primaryOutcomesBody>,
): Promise<PrimaryOutcomesView> {
  const known = new Set(loadItemBank().constructs.map((c) => c.id));
  const details = body.constructIds.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: `body.constructIds.${i}`, code: "unknown_construct" }],
  );
  if (new Set(body.constructIds).size !== body.constructIds.length)
    details.push({ path: "body.constructIds", code: "duplicate" });
  if (details.length > 0) throw new ValidationError(details);
  if (await followUpDataExists())
    throw new ConflictError([{ path: "body.constructIds", code: "frozen_after_follow_up" }]);
  await PrimaryOutcomes.updateOne(
    { _id: PROGRAM },
    { $set: { constructIds: body.constructIds, registeredBy: principal.id } },
    { upsert: true },
  );
  return primaryOutcomes();
}
