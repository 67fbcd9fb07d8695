import mongoose, { type Types } from "mongoose";
import type { Principal } from "../../access/principal";
import { objectIdOr404 } from "../../access/scope";
import { audit } from "../../audit/service";
import { NotFoundError, ResendRefusedError, type ResendRefusal } from "../../errors";
import { waveInScope } from "../../waves/service";
import { Invitation } from "../invitations/model";
import { linkToken, linkTokenHash } from "../links";
import { queuedMessage } from "../queue/enqueue";
import { SmsMessage } from "../queue/model";
import { RESEND_WINDOW_MINUTES } from "../../shared/contact-access";
import { Contact } from "./model";
import { isOptedOut } from "./opt-out-scope";

export { RESEND_WINDOW_MINUTES };
const WINDOW_MS = RESEND_WINDOW_MINUTES * 60_000;

type WaveLean = Awaited<ReturnType<typeof waveInScope>>["wave"];
type InvitationLean = NonNullable<Awaited<ReturnType<typeof findInvitation>>>;

const findInvitation = (waveId: Types.ObjectId, contactId: Types.ObjectId) =>
  Invitation.findOne({ waveId, contactId }).lean();

async function invitationInScope(
  principal: Principal,
  slug: string,
  waveId: string,
  contactId: string,
) {
  const { authority, wave } = await waveInScope(principal, slug, waveId);
  const invitation = await findInvitation(wave._id, objectIdOr404(contactId));
  if (!invitation) throw new NotFoundError();
  const contact = await Contact.findOne(
    { _id: invitation.contactId, authorityId: authority._id },
    { phoneIndex: 1, optedOutAt: 1, authorityId: 1 },
  ).lean();
  if (!contact) throw new NotFoundError();
  return { authority, wave, invitation, contact };
}

/** Why nothing may be sent to this invitation now, whatever the timing; null when it may. */
async function refusalOf(
  wave: WaveLean,
  invitation: InvitationLean,
  contact: { phoneIndex: string; optedOutAt?: Date | null; authorityId: Types.ObjectId },
  now: Date,
): Promise<ResendRefusal | null> {
  if (contact.optedOutAt || (await isOptedOut(contact.phoneIndex, contact.authorityId)))
    return "opted-out";
  const closed = wave.closesAt && wave.closesAt.getTime() <= now.getTime();
  if (wave.status !== "open" || !wave.channels.includes("sms") || closed) return "wave-not-open";
  if (invitation.completedAt) return "completed";
  if (invitation.bouncedAt) return "bounced";
  return null;
}

/** Whether any message to this contact in this wave was queued within the window. */
async function queuedRecently(invitation: InvitationLean, now: Date): Promise<boolean> {
  const recent = await SmsMessage.exists({
    contactId: invitation.contactId,
    waveId: invitation.waveId,
    createdAt: mongoose.trusted({ $gt: new Date(now.getTime() - WINDOW_MS) }),
    status: mongoose.trusted({ $ne: "cancelled" }),
  });
  return recent !== null;
}

/** Queues the invitation SMS of one invitation under its own key (rendered with the current link). */
async function queueOne(invitation: InvitationLean, key: string, now: Date) {
  const wave = { _id: invitation.waveId, authorityId: invitation.authorityId };
  await SmsMessage.create(queuedMessage(wave, invitation, 0, now, key));
  await Invitation.updateOne(
    { _id: invitation._id, queuedAt: mongoose.trusted({ $exists: false }) },
    { $set: { queuedAt: now } },
  );
}

/** What the workspace shows after a resend or a reissue. */
function present(invitation: InvitationLean, contactId: string, queuedAt: Date) {
  return {
    id: contactId,
    queuedAt: queuedAt.toISOString(),
    resends: invitation.resends ?? 0,
    linkVersion: invitation.linkVersion,
  };
}

/** The contact's invitation in the caller's scope, refused (409) when nothing may be sent to it. */
async function sendableInvitation(
  principal: Principal,
  slug: string,
  waveId: string,
  contactId: string,
) {
  const found = await invitationInScope(principal, slug, waveId, contactId);
  const now = new Date();
  const refused = await refusalOf(found.wave, found.invitation, found.contact, now);
  if (refused) throw new ResendRefusedError(refused);
  return { ...found, now };
}

/**
 * Queues the invitation SMS again, with the same personal link, for a resident
 * who never got it or deleted it. Refused (409) when the number opted out, the
 * wave is not open for SMS, the survey was completed through the link, the
 * number bounced, or a message was queued to it in the last
 * RESEND_WINDOW_MINUTES. Audited.
 */
export async function resendLink(
  principal: Principal,
  slug: string,
  waveId: string,
  contactId: string,
  ip: string | undefined,
) {
  const { authority, wave, invitation, now } = await sendableInvitation(
    principal,
    slug,
    waveId,
    contactId,
  );
  if (await queuedRecently(invitation, now))
    throw new ResendRefusedError("too-soon", RESEND_WINDOW_MINUTES);
  // Claimed on the invitation, atomically: of two presses at once, one queues.
  const cutoff = new Date(now.getTime() - WINDOW_MS);
  const claimed = await Invitation.findOneAndUpdate(
    {
      _id: invitation._id,
      completedAt: mongoose.trusted({ $exists: false }),
      $or: [
        { resentAt: mongoose.trusted({ $exists: false }) },
        { resentAt: mongoose.trusted({ $lte: cutoff }) },
      ],
    },
    { $set: { resentAt: now }, $inc: { resends: 1 } },
    { returnDocument: "after" },
  ).lean();
  if (!claimed) throw new ResendRefusedError("too-soon", RESEND_WINDOW_MINUTES);
  await queueOne(claimed, `${claimed._id.toHexString()}:resend:${claimed.resends}`, now);
  await audit({
    action: "contacts.link-resent",
    actor: principal,
    target: { kind: "contact", id: contactId },
    authorityId: authority._id,
    ip,
    details: { waveId: wave._id.toHexString(), resends: claimed.resends },
  });
  return present(claimed, contactId, now);
}

/**
 * Makes a new personal link for an invitation whose link reached someone else,
 * and queues it by SMS. The link version is bumped and the token derived from
 * it replaces the stored hash, so the old link is unknown from now on (it
 * answers like any unknown link); the answers saved so far stay with the
 * invitation and open through the new link. Messages still queued with the
 * invitation are cancelled: the resident gets the new link once. Cannot be
 * undone. Refused like a resend, except that a resend just before does not
 * hold a reissue back (a leaked link is stopped at once); two reissues within
 * RESEND_WINDOW_MINUTES are. Audited.
 */
export async function reissueLink(
  principal: Principal,
  slug: string,
  waveId: string,
  contactId: string,
  linkSecret: string,
  ip: string | undefined,
) {
  const { authority, wave, invitation, now } = await sendableInvitation(
    principal,
    slug,
    waveId,
    contactId,
  );
  const cutoff = new Date(now.getTime() - WINDOW_MS);
  if (invitation.linkReissuedAt && invitation.linkReissuedAt.getTime() > cutoff.getTime())
    throw new ResendRefusedError("too-soon", RESEND_WINDOW_MINUTES);
  const version = invitation.linkVersion + 1;
  // Conditional on the version read: of two reissues at once, one wins.
  const claimed = await Invitation.findOneAndUpdate(
    {
      _id: invitation._id,
      linkVersion: invitation.linkVersion,
      completedAt: mongoose.trusted({ $exists: false }),
    },
    {
      $set: {
        linkVersion: version,
        tokenHash: linkTokenHash(linkToken(linkSecret, invitation._id, version)),
        linkReissuedAt: now,
      },
    },
    { returnDocument: "after" },
  ).lean();
  if (!claimed) throw new ResendRefusedError("too-soon", RESEND_WINDOW_MINUTES);
  const superseded = await SmsMessage.updateMany(
    { contactId: invitation.contactId, waveId: invitation.waveId, status: "queued" },
    { $set: { status: "cancelled", cancelReason: "link-reissued" } },
  );
  await queueOne(claimed, `${claimed._id.toHexString()}:link:${version}`, now);
  await audit({
    action: "contacts.link-reissued",
    actor: principal,
    target: { kind: "contact", id: contactId },
    authorityId: authority._id,
    ip,
    details: {
      waveId: wave._id.toHexString(),
      linkVersion: version,
      cancelled: superseded.modifiedCount,
    },
  });
  return present(claimed, contactId, now);
}
