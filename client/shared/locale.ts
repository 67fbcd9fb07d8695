// One list of languages for server and client (a pure module, safe to bundle).
import {
  LOCALES,
  RESPONDENT_LOCALES,
  isLocale,
  isRespondentLocale,
  directionOf,
  storedLocaleOf,
  type Locale,
  type RespondentLocale,
} from "../../server/shared/locales";

export {
  LOCALES,
  RESPONDENT_LOCALES,
  isLocale,
  isRespondentLocale,
  storedLocaleOf,
  type Locale,
  type RespondentLocale,
};

/** Hebrew and Arabic are written right to left. */
export const dirOf = directionOf;

/**
 * Picks the language among `locales` (the workspace's three unless a resident
 * page passes its four): `?lang=` first, then the browser's languages in order of
 * preference, else Hebrew.
 */
export function pickLocale(search: string, preferred: readonly string[]): Locale;
export function pickLocale<L extends RespondentLocale>(
  search: string,
  preferred: readonly string[],
  locales: readonly L[],
): L;
export function pickLocale(
  search: string,
  preferred: readonly string[],
  locales: readonly RespondentLocale[] = LOCALES,
): RespondentLocale {
  const speaks = (tag: string | null): tag is RespondentLocale =>
    isRespondentLocale(tag) && locales.includes(tag);
  const param = new URLSearchParams(search).get("lang");
  if (speaks(param)) return param;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split("-")[0] ?? "";
    if (base === "iw") return "he"; // old code for Hebrew, still sent by some Android builds
    if (speaks(base)) return base;
  }
  return "he";
}

/** Reads the language for this page load from the URL and the browser. */
export function initialLocale(): Locale;
export function initialLocale<L extends RespondentLocale>(locales: readonly L[]): L;
export function initialLocale(locales: readonly RespondentLocale[] = LOCALES): RespondentLocale {
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  return pickLocale(window.location.search, preferred, locales);
}

/**
 * Sets `<html lang dir>` and keeps `?lang=` in the address, so a shared or
 * reloaded link opens in the same language.
 */
export function applyLocale(locale: RespondentLocale): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = dirOf(locale);
  const url = new URL(window.location.href);
  if (url.searchParams.get("lang") !== locale) {
    url.searchParams.set("lang", locale);
    window.history.replaceState(window.history.state, "", url);
  }
}

const NUMBER_TAGS: Record<RespondentLocale, string> = {
  // Arabic uses Western digits, as is usual in Israel (and so n stays
  // machine-readable in tests and copy-paste).
  ar: "ar-u-nu-latn",
  he: "he-IL",
  en: "en-GB",
  ru: "ru-RU",
};

/**
 * Date formatting for a locale, with the same digits as its numbers. Field dates
 * are Israeli days, so they are read in Israel's time zone.
 */
export function dateFormat(
  locale: RespondentLocale,
  options: Intl.DateTimeFormatOptions = { dateStyle: "medium" },
): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(NUMBER_TAGS[locale], { timeZone: "Asia/Jerusalem", ...options });
}

/** Number formatting for a locale. */
export function numberFormat(
  locale: RespondentLocale,
  options?: Intl.NumberFormatOptions,
): Intl.NumberFormat {
  return new Intl.NumberFormat(NUMBER_TAGS[locale], options);
}
