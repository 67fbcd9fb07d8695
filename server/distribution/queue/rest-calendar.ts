import type * as Hebcal from "@hebcal/core";
import {
  OBSERVED_HOLIDAY_DATES,
  type Coordinates,
  type ObservedHoliday,
} from "./observed-holidays";
import { ISRAEL_TZ } from "./quiet-hours";

/** A span with no sends: Shabbat or a holiday, in absolute time. */
export interface RestSpan {
  start: Date;
  end: Date;
  reason: "shabbat" | "holiday";
  /** The holiday's English name from the calendar (hebcal's, or ours for the Eids). */
  name?: string;
}

/** The rest rules a wave keeps: its weekend rest clocks and its locality's population. */
export interface RestRules {
  population: string;
  weekendRest: boolean;
  /** Friday (or a holiday's eve), local time: sends stop here. */
  weekendStart: string;
  /** Saturday (or the holiday), local time: the earliest sends resume, if the stars are out. */
  weekendEnd: string;
  /** Holidays the authority keeps beyond its population group's (Christmas in a Christian locality). */
  observedHolidays?: readonly string[] | null;
  /** The locality's coordinates: Shabbat ends at its own nightfall (else Jerusalem's). */
  location?: Coordinates | null;
}

const DAY_MS = 86_400_000;

/*
 * Hebcal (with its Temporal polyfill, some 50 modules) loads when a send is first
 * scheduled, not with the server: most processes never schedule one.
 */
let calendar: { hebcal: typeof Hebcal; place: Hebcal.Location } | undefined;
function loadCalendar() {
  if (!calendar) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
    const hebcal = require("@hebcal/core") as typeof Hebcal;
    // An authority without coordinates: Jerusalem's nightfall stands for its own
    // (Israel spans a few minutes of sunset; the rest ends at the later of this and weekendEnd).
    calendar = { hebcal, place: hebcal.Location.lookup("Jerusalem")! };
  }
  return calendar;
}
// Nightfall when three medium stars are out (8.5° below the horizon), as Israeli calendars print it.
const TZEIT_DEGREES = 8.5;

const partsFmt = new Intl.DateTimeFormat("en-US", {
  timeZone: ISRAEL_TZ,
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
});

/** Israel's wall-clock parts of an instant. */
function israelParts(at: Date) {
  const p = Object.fromEntries(partsFmt.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  return { y: p.year!, m: p.month!, d: p.day!, h: p.hour!, mi: p.minute! };
}

/** The instant of a wall-clock time in Israel on a civil day (DST included). */
export function israelInstant(y: number, m: number, d: number, clock: string): Date {
  const h = Number(clock.slice(0, 2));
  const mi = Number(clock.slice(3, 5));
  const wanted = Date.UTC(y, m - 1, d, h, mi);
  let t = wanted - 2 * 3_600_000;
  for (let i = 0; i < 3; i++) {
    const p = israelParts(new Date(t));
    t += wanted - Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi);
  }
  return new Date(t);
}

const places = new Map<string, Hebcal.Location>();
/** The hebcal place of a locality's coordinates; Jerusalem's without them. */
function placeOf(location: Coordinates | null | undefined): Hebcal.Location {
  const { hebcal, place } = loadCalendar();
  if (!location) return place;
  const key = `${location.latitude},${location.longitude}`;
  let found = places.get(key);
  if (!found) {
    found = new hebcal.Location(location.latitude, location.longitude, true, ISRAEL_TZ);
    places.set(key, found);
  }
  return found;
}

/** Nightfall at the locality (Jerusalem without coordinates) on a civil day. */
function nightfall(y: number, m: number, d: number, location?: Coordinates | null): Date {
  const { hebcal } = loadCalendar();
  return new hebcal.Zmanim(placeOf(location), new Date(y, m - 1, d, 12), false).tzeit(
    TZEIT_DEGREES,
  );
}

const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

/** A civil day's y/m/d, `offset` days after the Israel date of `at`. */
function dayAfter(at: Date, offset: number) {
  const p = israelParts(at);
  const noon = new Date(Date.UTC(p.y, p.m - 1, p.d, 12) + offset * DAY_MS);
  return { y: noon.getUTCFullYear(), m: noon.getUTCMonth() + 1, d: noon.getUTCDate() };
}

/**
 * A rest day's span: from its eve at `weekendStart` to nightfall at its end (never
 * before `weekendEnd`), so a summer Shabbat, which ends after 20:00, is kept whole.
 */
function restDay(day: { y: number; m: number; d: number }, rules: RestRules) {
  const eve = new Date(Date.UTC(day.y, day.m - 1, day.d, 12) - DAY_MS);
  const start = israelInstant(
    eve.getUTCFullYear(),
    eve.getUTCMonth() + 1,
    eve.getUTCDate(),
    rules.weekendStart,
  );
  const end = later(
    nightfall(day.y, day.m, day.d, rules.location),
    israelInstant(day.y, day.m, day.d, rules.weekendEnd),
  );
  return { start, end };
}

const hijriFmt = new Intl.DateTimeFormat("en-u-ca-islamic-umalqura", {
  timeZone: ISRAEL_TZ,
  month: "numeric",
  day: "numeric",
});

/** Eid al-Fitr (1–3 Shawwal) and Eid al-Adha (10–13 Dhu al-Hijjah) by the Umm al-Qura calendar. */
function eidOf(day: { y: number; m: number; d: number }): string | null {
  const p = Object.fromEntries(
    hijriFmt
      .formatToParts(new Date(Date.UTC(day.y, day.m - 1, day.d, 12)))
      .map((x) => [x.type, Number(x.value)]),
  );
  if (p.month === 10 && p.day! >= 1 && p.day! <= 3) return "Eid al-Fitr";
  if (p.month === 12 && p.day! >= 10 && p.day! <= 13) return "Eid al-Adha";
  return null;
}

/** A civil day in Israel, midnight to midnight. */
function wholeDay(day: { y: number; m: number; d: number }) {
  const next = dayAfter(israelInstant(day.y, day.m, day.d, "12:00"), 1);
  return {
    start: israelInstant(day.y, day.m, day.d, "00:00"),
    end: israelInstant(next.y, next.m, next.d, "00:00"),
  };
}

/**
 * The rest spans from `from` over `days` days. Jewish and mixed localities: each
 * Shabbat and each yom tov of the Israeli calendar (Rosh Hashana, Yom Kippur,
 * Sukkot, Shemini Atzeret, Pesach, Shavuot), from the eve's afternoon to
 * nightfall. Arab and mixed localities: Eid al-Fitr and Eid al-Adha, whole days.
 * A mixed locality keeps both, so no resident is messaged on their holiday.
 * An authority's observed holidays (Christmas) are whole days too.
 */
export function restSpans(rules: RestRules, from: Date, days = 60): RestSpan[] {
  const spans: RestSpan[] = [];
  const jewish = rules.population !== "arab" && rules.weekendRest;
  const muslim = rules.population !== "jewish";
  if (jewish) {
    const first = dayAfter(from, -1);
    const last = dayAfter(from, days);
    const { hebcal } = loadCalendar();
    const events = hebcal.HebrewCalendar.calendar({
      start: new Date(first.y, first.m - 1, first.d),
      end: new Date(last.y, last.m - 1, last.d),
      il: true,
    });
    for (const e of events) {
      if (!(e.getFlags() & hebcal.flags.CHAG)) continue;
      const g = e.getDate().greg();
      const day = { y: g.getFullYear(), m: g.getMonth() + 1, d: g.getDate() };
      spans.push({ ...restDay(day, rules), reason: "holiday", name: e.getDesc() });
    }
  }
  const observed = (rules.observedHolidays ?? []).map(
    (h) => OBSERVED_HOLIDAY_DATES[h as ObservedHoliday],
  );
  for (let i = -1; i <= days; i++) {
    const day = dayAfter(from, i);
    const kept = observed.find((h) => h && h.month === day.m && h.day === day.d);
    if (kept) spans.push({ ...wholeDay(day), reason: "holiday", name: kept.name });
    const weekday = new Date(Date.UTC(day.y, day.m - 1, day.d, 12)).getUTCDay();
    if (jewish && weekday === 6) spans.push({ ...restDay(day, rules), reason: "shabbat" });
    const eid = muslim ? eidOf(day) : null;
    if (eid) spans.push({ ...wholeDay(day), reason: "holiday", name: eid });
  }
  return spans.sort((a, b) => a.start.getTime() - b.start.getTime());
}
