import mongoose, { type Types } from "mongoose";
import { OptOut } from "./model";

/**
 * The opt-out records that keep a number out of one authority's sends: the
 * resident's own STOP (every authority) or this authority's staff opt-out.
 * Another authority's staff opt-out is theirs alone.
 */
export function optOutsOf(authorityId: Types.ObjectId) {
  return mongoose.trusted({ $in: [null, authorityId] });
}

/** True when nothing may be sent to this number in this authority. */
export async function isOptedOut(phoneIndex: string, authorityId: Types.ObjectId) {
  return Boolean(await OptOut.exists({ phoneIndex, authorityId: optOutsOf(authorityId) }));
}

/** Of these numbers, those kept out of this authority's sends. */
export async function optedOutIndexes(
  indexes: string[],
  authorityId: Types.ObjectId,
): Promise<Set<string>> {
  const found = await OptOut.find(
    { phoneIndex: mongoose.trusted({ $in: indexes }), authorityId: optOutsOf(authorityId) },
    { phoneIndex: 1 },
  ).lean();
  return new Set(found.map((o) => o.phoneIndex));
}

/**
 * Who keeps a number out of this authority's sends, of the records found for it:
 * the resident (a STOP, which wins) or this authority's staff.
 */
export function pickOptOut<T extends { source?: string | null; authorityId?: unknown }>(
  records: T[],
): T | undefined {
  return records.find((r) => r.source === "sms") ?? records[0];
}
