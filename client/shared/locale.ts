// One list of languages for server and client (a pure module, safe to bundle).
import { LOCALES, isLocale, directionOf, type Locale } from "../../server/shared/locales";

export { LOCALES, isLocale, type Locale };

/** Hebrew and Arabic are written right to left. */
export const dirOf = directionOf;

/**
 * Picks the language: `?lang=` first, then the browser's languages in order of
 * preference, else Hebrew.
 */
export function pickLocale(search: string, preferred: readonly string[]): Locale {
  const param = new URLSearchParams(search).get("lang");
  if (isLocale(param)) return param;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split("-")[0];
    if (base === "iw") return "he"; // old code for Hebrew, still sent by some Android builds
    if (isLocale(base)) return base;
  }
  return "he";
}

/** Reads the language for this page load from the URL and the browser. */
export function initialLocale(): Locale {
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  return pickLocale(window.location.search, preferred);
}

/**
 * Sets `<html lang dir>` and keeps `?lang=` in the address, so a shared or
 * reloaded link opens in the same language.
 */
export function applyLocale(locale: Locale): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = dirOf(locale);
  const url = new URL(window.location.href);
  if (url.searchParams.get("lang") !== locale) {
    url.searchParams.set("lang", locale);
    window.history.replaceState(window.history.state, "", url);
  }
}

/**
 * Number formatting for a locale. Arabic uses Western digits, as is usual in
 * Israel (and so n stays machine-readable in tests and copy-paste).
 */
export function numberFormat(
  locale: Locale,
  options?: Intl.NumberFormatOptions,
): Intl.NumberFormat {
  const tag = locale === "ar" ? "ar-u-nu-latn" : locale === "he" ? "he-IL" : "en-GB";
  return new Intl.NumberFormat(tag, options);
}
