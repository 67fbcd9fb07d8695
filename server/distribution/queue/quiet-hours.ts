/**
 * Quiet hours in Israel time. Every computation goes through Asia/Jerusalem
 * wall-clock time (with its daylight-saving changes) via Intl, so the server's
 * own time zone never matters.
 */
export interface QuietHours {
  nightStart: string;
  nightEnd: string;
  weekendRest: boolean;
  /** Friday, local time. */
  weekendStart: string;
  /** Saturday, local time. */
  weekendEnd: string;
}

export const ISRAEL_TZ = "Asia/Jerusalem";
const DAY = 24 * 60;
const WEEK = 7 * DAY;
const FRIDAY = 5;
const SATURDAY = 6;

const fmt = new Intl.DateTimeFormat("en-US", {
  timeZone: ISRAEL_TZ,
  hourCycle: "h23",
  weekday: "short",
  hour: "2-digit",
  minute: "2-digit",
});
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** Minute of the week (Sunday 00:00 = 0) in Israel for an instant. */
export function israelMinuteOfWeek(at: Date): number {
  const parts = Object.fromEntries(fmt.formatToParts(at).map((p) => [p.type, p.value]));
  return WEEKDAYS.indexOf(parts.weekday!) * DAY + Number(parts.hour) * 60 + Number(parts.minute);
}

const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** The quiet intervals of a week as [start, end) minute-of-week pairs (may run past the week). */
function intervals(q: QuietHours): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const ns = minutes(q.nightStart);
  const ne = minutes(q.nightEnd);
  if (ns !== ne) {
    for (let d = -1; d < 7; d++) {
      const start = d * DAY + ns;
      const end = ne > ns ? d * DAY + ne : (d + 1) * DAY + ne;
      out.push([start, end]);
    }
  }
  if (q.weekendRest)
    out.push([FRIDAY * DAY + minutes(q.weekendStart), SATURDAY * DAY + minutes(q.weekendEnd)]);
  return out;
}

/** Minutes from a minute-of-week until sending is allowed (0 when it is allowed now). */
export function minutesUntilAllowed(minuteOfWeek: number, q: QuietHours): number {
  const spans = intervals(q);
  let t = minuteOfWeek;
  // Overlapping spans (a Friday night inside the weekend rest) chain: follow them to the end.
  for (let guard = 0; guard < 20; guard++) {
    const inside = spans.find(([s, e]) => [t, t - WEEK, t + WEEK].some((x) => x >= s && x < e));
    if (!inside) return t - minuteOfWeek;
    const [s, e] = inside;
    const shift = [0, -WEEK, WEEK].find((k) => t + k >= s && t + k < e)!;
    t = e - shift;
  }
  return t - minuteOfWeek;
}

/**
 * The first instant at or after `at` when a message may go out. A daylight-saving
 * change inside the quiet span is corrected by checking the result's wall time.
 */
export function nextAllowedTime(at: Date, q: QuietHours): Date {
  const wait = minutesUntilAllowed(israelMinuteOfWeek(at), q);
  if (wait === 0) return at;
  const startOfMinute = Math.floor(at.getTime() / 60_000) * 60_000;
  let candidate = new Date(startOfMinute + wait * 60_000);
  for (let i = 0; i < 2 && minutesUntilAllowed(israelMinuteOfWeek(candidate), q) > 0; i++) {
    candidate = new Date(
      candidate.getTime() + minutesUntilAllowed(israelMinuteOfWeek(candidate), q) * 60_000,
    );
  }
  // Falling back an hour can make the wall clock reach the end early; never earlier than asked.
  return candidate;
}
