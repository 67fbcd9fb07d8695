/**
 * Whether an authority's analysts may download its de-identified responses:
 * a switch per authority that researchers and admins set, off unless one of
 * them turned it on. Each change is audit-logged.
 */
import { Schema, model, type Types } from "mongoose";
import type { Principal } from "../access/principal";
import { audit } from "../audit/service";
import { Authority } from "../authorities/model";
import { ForbiddenError, NotFoundError } from "../errors";

/**
 * One document per authority that ever had the switch set; its id is the
 * authority's id, so the lookup needs no index of its own. No document: off.
 */
const analystExportAccessSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, ref: "Authority", required: true },
  allowed: { type: Boolean, required: true },
  changedAt: { type: Date, required: true },
  changedBy: { type: String, required: true },
});

export const AnalystExportAccess = model("AnalystExportAccess", analystExportAccessSchema);

/** The switch as a screen shows it. */
export interface AnalystAccessView {
  authority: string;
  allowed: boolean;
  changedAt: string | null;
}

async function authorityOf(slug: string): Promise<Types.ObjectId> {
  const a = await Authority.findOne({ slug }, { _id: 1 }).lean();
  if (!a) throw new NotFoundError();
  return a._id;
}

/** The switch of one authority (by slug); 404 for an unknown one. */
export async function analystAccessOf(slug: string): Promise<AnalystAccessView> {
  const doc = await AnalystExportAccess.findById(await authorityOf(slug)).lean();
  return {
    authority: slug,
    allowed: doc?.allowed ?? false,
    changedAt: doc?.changedAt.toISOString() ?? null,
  };
}

/** Sets the switch of one authority and records who changed it, from what to what. */
export async function setAnalystAccess(
  slug: string,
  allowed: boolean,
  principal: Principal,
  ip?: string,
): Promise<AnalystAccessView> {
  const authorityId = await authorityOf(slug);
  const before = await AnalystExportAccess.findById(authorityId).lean();
  const changedAt = new Date();
  await audit({
    action: "exports.analyst-access-changed",
    actor: principal,
    target: { kind: "authority", id: authorityId.toHexString() },
    authorityId,
    ip,
    details: { from: before?.allowed ?? false, to: allowed },
  });
  await AnalystExportAccess.updateOne(
    { _id: authorityId },
    { allowed, changedAt, changedBy: principal.id },
    { upsert: true },
  );
  return { authority: slug, allowed, changedAt: changedAt.toISOString() };
}

/**
 * Refuses an analyst whose authority has not allowed them its responses
 * (the authority itself is already known to be theirs). Other roles pass.
 */
export async function assertMayExportResponses(
  principal: Principal,
  authorityId: Types.ObjectId | null,
): Promise<void> {
  if (principal.role !== "authority-analyst") return;
  const doc = authorityId ? await AnalystExportAccess.findById(authorityId).lean() : null;
  if (!doc?.allowed) throw new ForbiddenError();
}
