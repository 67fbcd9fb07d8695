import mongoose, { Types } from "mongoose";
import { AUTHORITY_ROLES } from "../shared/roles";
import { NotFoundError } from "../errors";
import type { Principal } from "./principal";

/** Matches no document: what an authority role without an authority gets. */
const NOTHING = new Types.ObjectId("000000000000000000000000");

/**
 * The one place that decides which authorities' data a caller may touch: the
 * filter fragment every query for authority data adds. Program-wide roles get
 * no restriction (which routes they may call at all is the route's `auth`);
 * authority roles and kiosks get their own authority, or nothing.
 *
 * `field` names the authority reference in the collection queried: `authorityId`
 * on waves, responses, kiosks and contacts, `_id` on authorities themselves.
 */
export function scopeFor(
  principal: Principal,
  field: "authorityId" | "_id" = "authorityId",
): Record<string, Types.ObjectId> {
  if (!AUTHORITY_ROLES.has(principal.role)) return {};
  return { [field]: principal.authorityId ?? NOTHING };
}

/** An id from a path that is not an ObjectId is simply not found. */
export function objectIdOr404(id: string): Types.ObjectId {
  if (!mongoose.isValidObjectId(id) || !/^[0-9a-f]{24}$/i.test(id)) throw new NotFoundError();
  return new Types.ObjectId(id);
}
