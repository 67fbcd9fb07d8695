import mongoose, { type Types } from "mongoose";
import { Contact } from "../contacts/model";
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
 * Queues the invitation SMS of every contact of the wave not yet queued, except
 * those opted out: the count the send dialog confirms ("not invited") is then
 * exactly what is queued. An opted-out contact keeps no queuedAt, so undoing the
 * opt-out makes it invitable by the next send. Safe to call again (after a new
 * import, say): the unique key keeps each message single.
 */
export async function queueInvitations(
  wave: { _id: Types.ObjectId; authorityId: Types.ObjectId },
  now = new Date(),
): Promise<number> {
  let queued = 0;
  // Walked by _id: skipped (opted-out) invitations stay unqueued and must not come back.
  let after: Types.ObjectId | null = null;
  for (;;) {
    const batch: Array<{ _id: Types.ObjectId; contactId: Types.ObjectId }> = await Invitation.find(
      {
        waveId: wave._id,
        queuedAt: mongoose.trusted({ $exists: false }),
        ...(after ? { _id: mongoose.trusted({ $gt: after }) } : {}),
      },
      { _id: 1, contactId: 1 },
    )
      .sort({ _id: 1 })
      .limit(BATCH)
      .lean();
    if (batch.length === 0) return queued;
    after = batch[batch.length - 1]!._id;
    const out = await optedOutContacts(batch.map((b) => b.contactId));
    const due = batch.filter((b) => !out.has(b.contactId.toHexString()));
    if (due.length === 0) continue;
    queued += await insertOnce(due.map((inv) => queuedMessage(wave, inv, 0, now)));
    await Invitation.updateMany(
      { _id: mongoose.trusted({ $in: due.map((b) => b._id) }) },
      { $set: { queuedAt: now } },
    );
  }
}

/** Of these contacts, those opted out (the rule the contacts list's statuses follow). */
async function optedOutContacts(ids: Types.ObjectId[]): Promise<Set<string>> {
  const out = await Contact.find(
    { _id: mongoose.trusted({ $in: ids }), optedOutAt: mongoose.trusted({ $exists: true }) },
    { _id: 1 },
  ).lean();
  return new Set(out.map((c) => c._id.toHexString()));
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
