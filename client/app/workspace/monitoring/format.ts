import { numberFormat, type Locale } from "../../../shared/locale";

/** Fieldwork runs on Israel time, wherever the browser is. */
export const ISRAEL_TZ = "Asia/Jerusalem";

const tagOf = (locale: Locale) =>
  locale === "ar" ? "ar-u-nu-latn" : locale === "he" ? "he-IL" : "en-GB";

/** Counts and shares in the page's language. */
export function formatsFor(locale: Locale) {
  const count = numberFormat(locale);
  const percent = numberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const time = new Intl.DateTimeFormat(tagOf(locale), {
    timeZone: ISRAEL_TZ,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  const dateTime = new Intl.DateTimeFormat(tagOf(locale), {
    timeZone: ISRAEL_TZ,
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const day = new Intl.DateTimeFormat(tagOf(locale), {
    timeZone: "UTC",
    day: "numeric",
    month: "short",
  });
  return {
    count: (n: number) => count.format(n),
    /** A share; null (nothing to divide by) is shown as a dash. */
    // In a right-to-left sentence a share keeps its left-to-right order ("33%", never "%33").
    percent: (share: number | null) =>
      share === null
        ? "–"
        : locale === "en"
          ? percent.format(share)
          : `\u2066${percent.format(share)}\u2069`,
    time: (d: Date) => time.format(d),
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    /** An Israel calendar day given as YYYY-MM-DD. */
    day: (ymd: string) => day.format(new Date(`${ymd}T00:00:00Z`)),
  };
}

export type Formats = ReturnType<typeof formatsFor>;

/** part / whole, or null when there is no whole. */
export const share = (part: number, whole: number | null | undefined): number | null =>
  whole ? part / whole : null;

/** The series of the by-day chart and table. */
export const DAY_SERIES = ["invited", "completed", "responses"] as const;
