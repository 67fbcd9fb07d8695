import crypto from "node:crypto";
import type { Types } from "mongoose";
/**
 * The key a responses export is ordered by: the first 64 bits of the SHA-256 of
 * the response id, in hex. An order that says nothing of when each response
 * arrived (ObjectIds stored before response ids became random keep their
 * creation time; sorted by it, or by time, a row next to a contact's "answered"
 * could be told apart). Stored on the response and indexed with the wave, so an
 * export streams a wave in this order from the index instead of sorting it.
 */
export function exportKeyOf(id: Types.ObjectId | string): string {
  const hex = typeof id === "string" ? id : id.toHexString();
  return crypto.createHash("sha256").update(hex).digest("hex").slice(0, 16);
}
