import type { NextFunction, Request, Response } from "express";
import { UnsupportedLocaleError } from "../errors";
import { negotiateLocale } from "../i18n/negotiate";
import { isRespondentLocale, storedLocaleOf } from "../shared/locales";

/**
 * Sets the request's languages: `res.locals.messageLocale`, the language of its
 * messages (a resident's Russian included), and `res.locals.locale`, the locale of
 * the stored texts it reads (Hebrew for Russian: stored texts are in he/ar/en).
 * An explicit but unsupported `?lang=` is an error (answered in the
 * Accept-Language locale), not a silent fallback.
 */
export function localeMiddleware(req: Request, res: Response, next: NextFunction): void {
  const lang = req.query.lang;
  const messageLocale = isRespondentLocale(lang)
    ? lang
    : negotiateLocale(undefined, req.headers["accept-language"]);
  res.locals.messageLocale = messageLocale;
  res.locals.locale = storedLocaleOf(messageLocale);
  if (lang !== undefined && !isRespondentLocale(lang)) {
    next(new UnsupportedLocaleError());
    return;
  }
  next();
}
