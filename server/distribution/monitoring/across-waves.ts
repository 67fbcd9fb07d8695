/**
 * Monitoring summed over several waves (the program view's list): the SMS
 * links' progress and the stored responses per Israel calendar day, and the
 * responses per channel. Counts only, as in one wave's monitoring.
 */
import mongoose, { type Types } from "mongoose";
import { SurveyResponse } from "../../responses/model";
import { Invitation } from "../invitations/model";
import { ISRAEL_TZ } from "../queue/quiet-hours";

const DAY_STAGES = ["invited", "opened", "started", "completed", "bounced", "responses"] as const;
type DayStage = (typeof DAY_STAGES)[number];

const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: ISRAEL_TZ,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Per-day counts and per-channel responses of the given waves, days in order. */
export async function acrossWaves(waveIds: Types.ObjectId[]) {
  const days = new Map<string, Record<DayStage, number>>();
  const bump = (at: Date | null | undefined, stage: DayStage) => {
    if (!at) return;
    const key = dayFormat.format(at);
    let row = days.get(key);
    if (!row) {
      row = Object.fromEntries(DAY_STAGES.map((s) => [s, 0])) as Record<DayStage, number>;
      days.set(key, row);
    }
    row[stage] += 1;
  };
  const inWaves = { waveId: mongoose.trusted({ $in: waveIds }) };
  const invitations = Invitation.find(inWaves, {
    invitedAt: 1,
    openedAt: 1,
    startedAt: 1,
    completedAt: 1,
    bouncedAt: 1,
    _id: 0,
  })
    .lean()
    .cursor({ batchSize: 5000 });
  for await (const inv of invitations) {
    bump(inv.invitedAt, "invited");
    bump(inv.openedAt, "opened");
    bump(inv.startedAt, "started");
    bump(inv.completedAt, "completed");
    bump(inv.bouncedAt, "bounced");
  }
  const byChannel: Record<string, number> = {};
  let completes = 0;
  const responses = SurveyResponse.find(inWaves, { channel: 1, submittedAt: 1, _id: 0 })
    .lean()
    .cursor({ batchSize: 5000 });
  for await (const r of responses) {
    completes += 1;
    byChannel[r.channel] = (byChannel[r.channel] ?? 0) + 1;
    bump(r.submittedAt, "responses");
  }
  const byDay = [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, counts]) => ({ date, ...counts }));
  return { completes, byChannel, byDay };
}
