const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["week", 7 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
  ["second", 1],
];

/** The Intl tag of a page language: Latin digits in Arabic, as the workspace writes numbers. */
export function intlTag(locale: string): string {
  return locale === "ar" ? "ar-u-nu-latn" : locale === "he" ? "he-IL" : "en-GB";
}

/** "5 minutes ago", "לפני 5 דקות", "قبل 5 دقائق": a past moment relative to now, in the locale. */
export function relativeTime(iso: string, locale: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const format = new Intl.RelativeTimeFormat(intlTag(locale), { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === "second") {
      // Under a minute reads "now" rather than a count of seconds that changes on every look.
      if (unit === "second") return format.format(0, "second");
      return format.format(Math.trunc(seconds / size), unit);
    }
  }
  return format.format(0, "second");
}

/** A full date and time for a tooltip or a screen reader. */
export function fullTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(intlTag(locale), {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(new Date(iso));
}

/** "12:05": minutes and seconds left. */
export function countdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
