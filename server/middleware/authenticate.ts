import type { NextFunction, Request, Response } from "express";
import type { Config } from "../config";
import { readSessionCookie } from "../auth/cookies";
import { resolveSession } from "../auth/sessions";
import type { KioskPrincipal } from "../access/principal";

const BEARER = /^Bearer (kd_[A-Za-z0-9_-]{43})$/;

/**
 * Finds the caller, if any, and leaves it in `res.locals.principal`: a kiosk by
 * its device token (Authorization: Bearer), a person by the session cookie.
 * It never refuses a request: whether a route needs a caller is the route's `auth`.
 */
export function authenticate(
  config: Pick<Config, "session" | "sessionSecret">,
  /** The kiosk behind a device token (kiosk/service.ts), given by app.ts so this layer stays below the features. */
  resolveKioskToken: (token: string) => Promise<KioskPrincipal | null>,
) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const bearer = BEARER.exec(req.get("authorization") ?? "");
      if (bearer) {
        const kiosk = await resolveKioskToken(bearer[1]!);
        if (kiosk) {
          res.locals.principal = kiosk;
          res.locals.authVia = "bearer";
        }
        return next();
      }
      const token = readSessionCookie(req, config.session.secureCookie);
      if (token) {
        const user = await resolveSession(token, config);
        if (user) {
          res.locals.principal = user;
          res.locals.authVia = "cookie";
        }
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}
