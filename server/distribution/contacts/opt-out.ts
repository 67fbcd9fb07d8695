import mongoose from "mongoose";
import type { Principal } from "../../access/principal";
import { objectIdOr404 } from "../../access/scope";
import { authorityInScope } from "../../authorities/in-scope";
import { audit } from "../../audit/service";
import { NotFoundError, OptOutLockedError } from "../../errors";
import { SmsMessage } from "../queue/model";
import { optOutSource } from "./list";
import { Contact, OptOut } from "./model";
import { isOptedOut, optOutsOf, pickOptOut } from "./opt-out-scope";

async function contactInScope(principal: Principal, slug: string, id: string) {
  const authority = await authorityInScope(principal, slug);
  const contact = await Contact.findOne(
    { _id: objectIdOr404(id), authorityId: authority._id },
    { phoneIndex: 1, optedOutAt: 1 },
  ).lean();
  if (!contact) throw new NotFoundError();
  return { authority, contact };
}

/**
 * Opts a contact's number out on the resident's request (by phone, at the
 * counter): the number gets nothing more from any wave of this authority and its
 * queued messages here are cancelled. Other authorities are not touched: only the
 * resident's own STOP reaches them (a coordinator could otherwise silence any
 * resident by importing the number). This authority's staff may undo it (a
 * mistake, the wrong row). Audited.
 */
export async function optOutContact(
  principal: Principal,
  slug: string,
  id: string,
  ip: string | undefined,
) {
  const { authority, contact } = await contactInScope(principal, slug, id);
  const at = new Date();
  await OptOut.updateOne(
    { phoneIndex: contact.phoneIndex, authorityId: authority._id },
    {
      $setOnInsert: {
        phoneIndex: contact.phoneIndex,
        at,
        source: "staff",
        authorityId: authority._id,
        actor: principal.id,
      },
    },
    { upsert: true },
  );
  const ids = [contact._id];
  await Contact.updateMany(
    { _id: mongoose.trusted({ $in: ids }), optedOutAt: mongoose.trusted({ $exists: false }) },
    { $set: { optedOutAt: at } },
  );
  const cancelled = await SmsMessage.updateMany(
    { contactId: mongoose.trusted({ $in: ids }), status: "queued" },
    { $set: { status: "cancelled", cancelReason: "opted-out" } },
  );
  await audit({
    action: "contacts.opted-out",
    actor: principal,
    target: { kind: "contact", id },
    authorityId: authority._id,
    ip,
    details: { source: "staff", cancelled: cancelled.modifiedCount },
  });
  return presentOptOut(id, authority._id, contact.phoneIndex);
}

/**
 * Undoes an opt-out this authority's staff made: the number may be sent to
 * again here and the messages the opt-out cancelled go back to the queue. A
 * resident's own STOP is never undone by staff.
 */
export async function undoOptOut(
  principal: Principal,
  slug: string,
  id: string,
  ip: string | undefined,
) {
  const { authority, contact } = await contactInScope(principal, slug, id);
  const records = await OptOut.find({
    phoneIndex: contact.phoneIndex,
    authorityId: optOutsOf(authority._id),
  }).lean();
  const optOut = pickOptOut(records);
  if (!optOut) return presentOptOut(id, authority._id, contact.phoneIndex);
  const by = optOutSource(optOut, authority._id);
  if (by !== "staff") throw new OptOutLockedError(by);
  await OptOut.deleteOne({ _id: optOut._id, source: "staff", authorityId: authority._id });
  // A STOP that arrived meanwhile keeps the number out: then nothing is lifted.
  if (await isOptedOut(contact.phoneIndex, authority._id)) throw new OptOutLockedError("resident");
  const ids = [contact._id];
  await Contact.updateMany({ _id: mongoose.trusted({ $in: ids }) }, { $unset: { optedOutAt: 1 } });
  const requeued = await SmsMessage.updateMany(
    { contactId: mongoose.trusted({ $in: ids }), status: "cancelled", cancelReason: "opted-out" },
    { $set: { status: "queued", notBefore: new Date() }, $unset: { cancelReason: 1 } },
  );
  await audit({
    action: "contacts.opt-out-undone",
    actor: principal,
    target: { kind: "contact", id },
    authorityId: authority._id,
    ip,
    details: { requeued: requeued.modifiedCount },
  });
  return presentOptOut(id, authority._id, contact.phoneIndex);
}

/** A contact's opt-out as the workspace shows it after a change. */
async function presentOptOut(id: string, authorityId: mongoose.Types.ObjectId, phoneIndex: string) {
  const optOut = pickOptOut(
    await OptOut.find(
      { phoneIndex, authorityId: optOutsOf(authorityId) },
      { source: 1, authorityId: 1 },
    ).lean(),
  );
  return {
    id,
    optedOut: Boolean(optOut),
    optOutBy: optOut ? optOutSource(optOut, authorityId) : null,
  };
}
