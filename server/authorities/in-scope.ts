import type { Principal } from "../access/principal";
import { scopeFor } from "../access/scope";
import { NotFoundError } from "../errors";
import { Authority } from "./model";

/**
 * The authority with this slug if the caller's scope includes it. Someone else's
 * authority answers exactly like a missing one (404), so slugs cannot be probed.
 * Here, beside the model, so the access layer (server/access) needs no feature's model.
 */
export async function authorityInScope(principal: Principal, slug: string) {
  const authority = await Authority.findOne({ slug, ...scopeFor(principal, "_id") }).lean();
  if (!authority) throw new NotFoundError();
  return authority;
}
