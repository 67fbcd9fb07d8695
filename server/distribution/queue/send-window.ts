import { israelMinuteOfWeek, nextAllowedTime, type QuietHours } from "./quiet-hours";
import type { RestSpan } from "./rest-calendar";

/** Why a message waits: the shown reason of a held message. */
export type HoldReason = "night" | "shabbat" | "holiday" | "paused";

const DAY = 24 * 60;
const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** Which weekly rule holds a minute of the week: the weekend rest, else the night. */
function weeklyReason(at: Date, q: QuietHours): HoldReason {
  const m = israelMinuteOfWeek(at);
  const start = 5 * DAY + minutes(q.weekendStart);
  const end = 6 * DAY + minutes(q.weekendEnd);
  return q.weekendRest && m >= start && m < end ? "shabbat" : "night";
}

/**
 * The first instant at or after `at` outside the weekly quiet hours and every
 * rest span (a summer Shabbat to nightfall, a holiday), and why a message asked
 * to go at `at` waits (null when it may go now). Chained spans (a holiday into
 * Shabbat, a night after a holiday) are followed to their end.
 */
export function sendWindow(
  at: Date,
  q: QuietHours,
  spans: readonly RestSpan[],
): { at: Date; reason: HoldReason | null } {
  let t = at;
  let reason: HoldReason | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const span = spans.find((s) => t >= s.start && t < s.end);
    if (span) {
      reason ??= span.reason;
      t = span.end;
      continue;
    }
    const next = nextAllowedTime(t, q);
    if (next.getTime() > t.getTime()) {
      reason ??= weeklyReason(t, q);
      t = next;
      continue;
    }
    break;
  }
  return { at: t, reason };
}
