import type { NextFunction, Request, Response } from "express";
import { UnsupportedLocaleError } from "../errors";
import { negotiateLocale } from "../i18n/negotiate";

/**
 * Sets `res.locals.locale` for every request. An explicit but unsupported
 * `?lang=` is an error (answered in the Accept-Language locale), not a silent fallback.
 */
export function localeMiddleware(req: Request, res: Response, next: NextFunction): void {
  const lang = req.query.lang;
  res.locals.locale = negotiateLocale(lang, req.headers["accept-language"]);
  if (lang !== undefined && res.locals.locale !== lang) {
    next(new UnsupportedLocaleError());
    return;
  }
  next();
}
