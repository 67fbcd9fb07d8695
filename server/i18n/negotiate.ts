import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "../shared/locales";

/**
 * The first of `supported` that an Accept-Language header names, in the
 * header's order (as a browser's own pick from navigator.languages); null when
 * it names none.
 */
export function acceptedLocale<L extends string>(
  supported: readonly L[],
  acceptLanguage: string | undefined,
): L | null {
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.split(";")[0]?.trim().toLowerCase().slice(0, 2);
    if ((supported as readonly string[]).includes(tag ?? "")) return tag as L;
  }
  return null;
}

/**
 * Picks the locale of a request: an explicit `lang` wins, then the first
 * supported language of Accept-Language, then Hebrew.
 */
export function negotiateLocale(lang: unknown, acceptLanguage: string | undefined): Locale {
  if (isLocale(lang)) return lang;
  return acceptedLocale(LOCALES, acceptLanguage) ?? DEFAULT_LOCALE;
}
