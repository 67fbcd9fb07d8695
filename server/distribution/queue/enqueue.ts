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
    queued += await insertOnce(
      batch.map((inv) => ({
        authorityId: wave.authorityId,
        waveId: wave._id,
        invitationId: inv._id,
        contactId: inv.contactId,
        kind: "invitation",
        seq: 0,
        key: `${inv._id.toHexString()}:0`,
        status: "queued",
        notBefore: now,
        attempts: 0,
      })),
    );
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
      queued += await insertOnce(
        batch.map((inv) => ({
          authorityId: wave.authorityId,
          waveId: wave._id,
          invitationId: inv._id,
          contactId: inv.contactId,
          kind: "reminder",
          seq,
          key: `${inv._id.toHexString()}:${seq}`,
          status: "queued",
          notBefore: now,
          attempts: 0,
        })),
      );
      await Invitation.updateMany(
        { _id: mongoose.trusted({ $in: batch.map((b) => b._id) }) },
        { $set: { remindersQueued: seq } },
      );
    }
  }
  return queued;
}
