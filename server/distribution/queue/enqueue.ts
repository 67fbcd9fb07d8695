import mongoose, { type Types } from "mongoose";
import { Invitation } from "../invitations/model";
import { SmsMessage } from "./model";

// Within the embedded store's 500 points for an indexed $in (see contacts/import.ts).
const BATCH = 500;

/** Inserts messages, treating a key already queued (11000) as done: a message exists once. */
async function insertOnce(docs: Record<string, unknown>[]): Promise<number> {
  if (docs.length === 0) return 0;
  try {
    await SmsMessage.insertMany(docs, { ordered: false, lean: true });
    return docs.length;
  } catch (err) {
    const e = err as {
      code?: number;
      writeErrors?: Array<{ code?: number; err?: { code?: number } }>;
    };
    const errors = e.writeErrors ?? [];
    if (errors.length === 0 || errors.some((w) => (w.code ?? w.err?.code ?? e.code) !== 11000))
      throw err;
    return docs.length - errors.length;
  }
}

/**
 * A queued message of a wave's invitation: the invitation itself (seq 0) or
 * reminder `seq`. Its key keeps it single; a resend passes a key of its own.
 */
export function queuedMessage(
  wave: { _id: Types.ObjectId; authorityId: Types.ObjectId },
  inv: { _id: Types.ObjectId; contactId: Types.ObjectId },
  seq: number,
  now: Date,
  key = `${inv._id.toHexString()}:${seq}`,
) {
  return {
    authorityId: wave.authorityId,
    waveId: wave._id,
    invitationId: inv._id,
    contactId: inv.contactId,
    kind: seq === 0 ? ("invitation" as const) : ("reminder" as const),
    seq,
    key,
    status: "queued" as const,
    notBefore: now,
    attempts: 0,
  };
}

/**
 * Queues the invitation SMS of every contact of the wave not yet queued. Safe to
 * call again (after a new import, say): the unique key keeps each one single.
 */
export async function queueInvitations(
  wave: { _id: Types.ObjectId; authorityId: Types.ObjectId },
  now = new Date(),
): Promise<number> {
  let queued = 0;
  for (;;) {
    const batch = await Invitation.find(
      { waveId: wave._id, queuedAt: mongoose.trusted({ $exists: false }) },
      { _id: 1, contactId: 1 },
    )
      .limit(BATCH)
      .lean();
    if (batch.length === 0) return queued;
    queued += await insertOnce(batch.map((inv) => queuedMessage(wave, inv, 0, now)));
    await Invitation.updateMany(
      { _id: mongoose.trusted({ $in: batch.map((b) => b._id) }) },
      { $set: { queuedAt: now } },
    );
  }
}

/**
 * Queues due reminders of one wave: reminder n goes to invitations sent at least
 * `reminderDays[n-1]` days ago that are neither completed nor bounced. Each
 * invitation counts the reminders queued for it, so a reminder is queued once.
 * Opted-out contacts are skipped at send time (the opt-out may come later).
 */
export async function queueReminders(
  wave: { _id: Types.ObjectId; authorityId: Types.ObjectId; reminderDays?: number[] | null },
  now = new Date(),
): Promise<number> {
  let queued = 0;
  // Latest reminder first: an invitation due for two at once (a wave paused for a
  // week) gets only the later one, not two messages in a row.
  const schedule = [...(wave.reminderDays ?? []).entries()].reverse();
  for (const [i, days] of schedule) {
    const seq = i + 1;
    const sentBefore = new Date(now.getTime() - days * 86_400_000);
    for (;;) {
      const batch = await Invitation.find(
        {
          waveId: wave._id,
          invitedAt: mongoose.trusted({ $lte: sentBefore }),
          completedAt: mongoose.trusted({ $exists: false }),
          bouncedAt: mongoose.trusted({ $exists: false }),
          remindersQueued: mongoose.trusted({ $lt: seq }),
        },
        { _id: 1, contactId: 1 },
      )
        .limit(BATCH)
        .lean();
      if (batch.length === 0) break;
      queued += await insertOnce(batch.map((inv) => queuedMessage(wave, inv, seq, now)));
      await Invitation.updateMany(
        { _id: mongoose.trusted({ $in: batch.map((b) => b._id) }) },
        { $set: { remindersQueued: seq } },
      );
    }
  }
  return queued;
}
