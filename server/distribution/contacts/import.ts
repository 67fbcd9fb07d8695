import crypto from "node:crypto";
import mongoose, { Types } from "mongoose";
import type { FieldCipher } from "../../privacy/crypto";
import { linkToken, linkTokenHash } from "../links";
import { Invitation } from "../invitations/model";
import type { ContactCheck, ValidContact } from "./check";
import { Contact, SEALED } from "./model";
import { optedOutIndexes } from "./opt-out-scope";

/**
 * Rows written per round trip: large enough to be quick, small enough to report
 * progress, and within the embedded store's 500 points for an indexed $in
 * (beyond that its planner scans the collection; `npm run bench:contacts` shows it).
 */
const BATCH = 500;

export interface ImportTarget {
  authorityId: Types.ObjectId;
  waveId: Types.ObjectId;
}

export interface ImportCounts {
  processed: number;
  created: number;
  existing: number;
  invited: number;
  optedOut: number;
}

/** A pseudonym for a consented panel member: random, so nothing can be derived from it. */
function newPanelId(): string {
  return `p_${crypto.randomBytes(12).toString("base64url")}`;
}

/**
 * Writes the valid rows of a checked file: new contacts sealed, contacts already
 * in the authority updated (language, neighbourhood, consent), numbers that
 * opted out kept out, and one invitation with its personal link per contact for
 * the wave. `onProgress` is called after every batch.
 */
export async function importContacts(
  check: ContactCheck,
  target: ImportTarget,
  deps: { cipher: FieldCipher; linkSecret: string },
  onProgress: (counts: ImportCounts) => Promise<void> = async () => {},
): Promise<ImportCounts> {
  const counts: ImportCounts = { processed: 0, created: 0, existing: 0, invited: 0, optedOut: 0 };
  for (let start = 0; start < check.valid.length; start += BATCH) {
    const rows = check.valid.slice(start, start + BATCH);
    await importBatch(rows, target, deps, counts);
    counts.processed += rows.length;
    await onProgress(counts);
  }
  return counts;
}

async function importBatch(
  rows: ValidContact[],
  target: ImportTarget,
  deps: { cipher: FieldCipher; linkSecret: string },
  counts: ImportCounts,
): Promise<void> {
  const { cipher } = deps;
  const now = new Date();
  const indexed = rows.map((r) => ({
    row: r,
    index: cipher.blindIndex(r.e164, SEALED.phoneIndex),
  }));
  const indexes = indexed.map((r) => r.index);
  const [existing, optOuts] = await Promise.all([
    // By phone alone (its own index answers an $in quickly on either store), then
    // this authority's in code: a number is rarely in more than one authority.
    Contact.find(
      { phoneIndex: mongoose.trusted({ $in: indexes }) },
      {
        authorityId: 1,
        phoneIndex: 1,
        panelId: 1,
        panelConsent: 1,
        parentalConsent: 1,
        optedOutAt: 1,
      },
    ).lean(),
    optedOutIndexes(indexes, target.authorityId),
  ]);
  const byIndex = new Map(
    existing.filter((c) => c.authorityId.equals(target.authorityId)).map((c) => [c.phoneIndex, c]),
  );
  const optedOut = optOuts;

  const fresh = [];
  const updates = [];
  const contactOf: Array<{ contactId: Types.ObjectId; row: ValidContact; out: boolean }> = [];
  for (const { row, index } of indexed) {
    const out = optedOut.has(index);
    if (out) counts.optedOut += 1;
    const known = byIndex.get(index);
    if (known) {
      counts.existing += 1;
      const consentNow = row.panelConsent && !known.panelConsent?.given;
      // The file's word on a parent's consent, when it has the column: a "no" now
      // withdraws one recorded before; the date is when it last changed.
      const parentalChanged =
        row.parentalConsent !== undefined &&
        row.parentalConsent !== Boolean(known.parentalConsent?.given);
      updates.push({
        updateOne: {
          filter: { _id: known._id },
          update: {
            $set: {
              locale: row.locale,
              ...(row.neighbourhood ? { neighbourhood: row.neighbourhood } : {}),
              ...(row.name ? { nameSealed: cipher.encrypt(row.name, SEALED.name) } : {}),
              ...(consentNow
                ? {
                    panelConsent: { given: true, recordedAt: now },
                    panelId: known.panelId ?? newPanelId(),
                  }
                : {}),
              ...(parentalChanged
                ? { parentalConsent: { given: row.parentalConsent, recordedAt: now } }
                : {}),
              ...(out && !known.optedOutAt ? { optedOutAt: now } : {}),
            },
          },
        },
      });
      contactOf.push({ contactId: known._id, row, out: out || Boolean(known.optedOutAt) });
      continue;
    }
    const _id = new Types.ObjectId();
    fresh.push({
      _id,
      authorityId: target.authorityId,
      phoneSealed: cipher.encrypt(row.e164, SEALED.phone),
      phoneIndex: index,
      ...(row.name ? { nameSealed: cipher.encrypt(row.name, SEALED.name) } : {}),
      locale: row.locale,
      ...(row.neighbourhood ? { neighbourhood: row.neighbourhood } : {}),
      panelConsent: row.panelConsent ? { given: true, recordedAt: now } : { given: false },
      ...(row.panelConsent ? { panelId: newPanelId() } : {}),
      ...(row.parentalConsent === undefined
        ? {}
        : { parentalConsent: { given: row.parentalConsent, recordedAt: now } }),
      ...(out ? { optedOutAt: now } : {}),
    });
    contactOf.push({ contactId: _id, row, out });
  }
  if (fresh.length > 0) await Contact.insertMany(fresh, { ordered: false, lean: true });
  if (updates.length > 0) await Contact.bulkWrite(updates, { ordered: false });
  counts.created += fresh.length;

  // An opted-out number gets no invitation at all: nothing can be sent to it later by mistake.
  const invitations = contactOf
    .filter((c) => !c.out)
    .map(({ contactId, row }) => {
      const _id = new Types.ObjectId();
      return {
        _id,
        authorityId: target.authorityId,
        waveId: target.waveId,
        contactId,
        tokenHash: linkTokenHash(linkToken(deps.linkSecret, _id, 1)),
        linkVersion: 1,
        locale: row.locale,
        ...(row.neighbourhood ? { neighbourhood: row.neighbourhood } : {}),
        remindersQueued: 0,
      };
    });
  if (invitations.length === 0) return;
  try {
    await Invitation.insertMany(invitations, { ordered: false, lean: true });
    counts.invited += invitations.length;
  } catch (err) {
    // A contact already invited to this wave keeps its link: duplicates (11000) are expected.
    const e = err as {
      code?: number;
      writeErrors?: Array<{ code?: number }>;
      insertedDocs?: unknown[];
    };
    const errors = e.writeErrors ?? [];
    if (errors.length === 0 || errors.some((w) => (w.code ?? e.code) !== 11000)) throw err;
    counts.invited += invitations.length - errors.length;
  }
}
