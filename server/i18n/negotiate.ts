import { DEFAULT_LOCALE, isLocale, type Locale } from "../shared/locales";

/**
 * Picks the locale of a request: an explicit `lang` wins, then the first
 * supported language of Accept-Language, then Hebrew.
 */
export function negotiateLocale(lang: unknown, acceptLanguage: string | undefined): Locale {
  if (isLocale(lang)) return lang;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.split(";")[0]?.trim().toLowerCase().slice(0, 2);
    if (isLocale(tag)) return tag;
  }
  return DEFAULT_LOCALE;
}
