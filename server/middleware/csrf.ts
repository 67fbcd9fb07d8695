import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { ForbiddenError } from "../errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Header the client sends the session's CSRF token in. */
export const CSRF_HEADER = "x-csrf-token";

/**
 * Cookie-authenticated requests that change something must echo the session's
 * CSRF token in a header. A page on another origin can make the browser send the
 * cookie (SameSite=Lax still allows top-level POSTs in some browsers' grace
 * periods) but cannot read the token nor set a custom header without CORS.
 */
export function verifyCsrf(req: Request, expected: string): void {
  if (SAFE_METHODS.has(req.method)) return;
  const sent = req.get(CSRF_HEADER);
  const a = Buffer.from(sent ?? "");
  const b = Buffer.from(expected);
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b))
    throw new ForbiddenError("CSRF_FAILED");
}

/**
 * Second line, for every mutating API request including the login form (login
 * CSRF): when the browser says where the request comes from, it must be this site.
 */
export function sameOriginMutations(publicUrl: string | undefined) {
  const configured = publicUrl ? new URL(publicUrl).origin : undefined;
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get("origin");
    if (!origin) return next();
    const own = configured ?? `${req.protocol}://${req.get("host") ?? ""}`;
    next(origin === own ? undefined : new ForbiddenError("CSRF_FAILED"));
  };
}
