import type { QuietHours } from "../queue/quiet-hours";
import { restSpans, type RestRules } from "../queue/rest-calendar";
import { sendWindow, type HoldReason } from "../queue/send-window";

const DAY_MS = 86_400_000;

/** When one message of the schedule goes, and what holds it back from the day it is due. */
export interface Slot {
  at: Date;
  heldReason: HoldReason | null;
}

/**
 * When a send started `now` reaches residents: the invitation at the first
 * allowed moment, and reminder n `reminderDays[n-1]` days after it, each moved
 * past quiet hours, Shabbat and the locality's holidays as the queue will move
 * it. Shown before sending, so "3 days after" reads as a date and a time.
 */
export function sendSchedule(
  now: Date,
  rules: RestRules & QuietHours,
  reminderDays: readonly number[],
): { invitation: Slot; reminders: Array<Slot & { days: number }> } {
  const slot = (at: Date): Slot => {
    const w = sendWindow(at, rules, restSpans(rules, at, 30));
    return { at: w.at, heldReason: w.reason };
  };
  const invitation = slot(now);
  return {
    invitation,
    reminders: reminderDays.map((days) => ({
      days,
      ...slot(new Date(invitation.at.getTime() + days * DAY_MS)),
    })),
  };
}
