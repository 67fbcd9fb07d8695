import mongoose from "mongoose";
import type { Principal } from "../access/principal";
import { objectIdOr404, scopeFor } from "../access/scope";
import { authorityInScope } from "../authorities/in-scope";
import { Authority } from "../authorities/model";
import { NotFoundError } from "../errors";
import { cleanText } from "../shared/text";
import { CommunityUpdate } from "./model";

type Text = { he?: string | null; ar?: string | null; en?: string | null };

function present(u: {
  _id: mongoose.Types.ObjectId;
  date: Date;
  text?: Text | null;
  status: string;
}) {
  return {
    id: u._id.toHexString(),
    date: u.date.toISOString().slice(0, 10),
    text: { he: u.text?.he ?? null, ar: u.text?.ar ?? null, en: u.text?.en ?? null },
    status: u.status as "submitted" | "approved" | "rejected",
  };
}

/** A coordinator writes an entry; it waits for a researcher's review before anyone else sees it. */
export async function createUpdate(
  principal: Principal,
  slug: string,
  input: { date: string; text: Text },
) {
  const authority = await authorityInScope(principal, slug);
  const text = Object.fromEntries(
    Object.entries(input.text)
      .filter(([, v]) => v)
      .map(([k, v]) => [k, cleanText(v!, { keepNewlines: true })]),
  );
  const doc = await CommunityUpdate.create({
    authorityId: authority._id,
    date: new Date(input.date),
    text,
    createdBy: principal.id,
  });
  return present(doc);
}

/** An authority's entries, every status, for its staff and researchers. */
export async function listUpdates(principal: Principal, slug: string) {
  const authority = await authorityInScope(principal, slug);
  const rows = await CommunityUpdate.find({ authorityId: authority._id }).sort({ date: -1 }).lean();
  return rows.map(present);
}

/** A researcher approves an entry for the public page, or rejects it. */
export async function reviewUpdate(
  principal: Principal,
  id: string,
  decision: "approve" | "reject",
) {
  const updated = await CommunityUpdate.findOneAndUpdate(
    { _id: objectIdOr404(id), ...scopeFor(principal) },
    {
      $set: {
        status: decision === "approve" ? "approved" : "rejected",
        reviewedBy: principal.id,
        reviewedAt: new Date(),
      },
    },
    { returnDocument: "after" },
  ).lean();
  if (!updated) throw new NotFoundError();
  return present(updated);
}

/** Approved entries only, in one language (falling back to another the entry has). */
export async function publicUpdates(
  authorityId: mongoose.Types.ObjectId,
  locale: "he" | "ar" | "en",
) {
  const rows = await CommunityUpdate.find({ authorityId, status: "approved" })
    .sort({ date: -1 })
    .limit(20)
    .lean();
  return rows.map((u) => ({
    date: u.date.toISOString().slice(0, 10),
    text: u.text?.[locale] ?? u.text?.he ?? u.text?.ar ?? u.text?.en ?? "",
  }));
}

/**
 * The reviewers' queue: every entry awaiting review in the principal's scope,
 * oldest first (the one waiting longest comes up first), with counts per status.
 */
export async function reviewQueue(principal: Principal, locale: "he" | "ar" | "en") {
  const scope = scopeFor(principal, "authorityId");
  const [pending, byStatus] = await Promise.all([
    CommunityUpdate.find({ ...scope, status: "submitted" })
      .sort({ date: 1, _id: 1 })
      .lean(),
    CommunityUpdate.aggregate<{ _id: string; n: number }>([
      { $match: { ...scope } },
      { $group: { _id: "$status", n: { $sum: 1 } } },
    ]),
  ]);
  const ids = [...new Set(pending.map((u) => u.authorityId.toHexString()))];
  const authorities = new Map(
    (
      await Authority.find({ _id: mongoose.trusted({ $in: ids }) }, { slug: 1, name: 1 }).lean()
    ).map((a) => [a._id.toHexString(), a]),
  );
  const counts = { submitted: 0, approved: 0, rejected: 0 };
  for (const row of byStatus) if (row._id in counts) counts[row._id as keyof typeof counts] = row.n;
  return {
    counts,
    pending: pending.map((u) => {
      const a = authorities.get(u.authorityId.toHexString());
      return {
        ...present(u),
        authority: { slug: a?.slug ?? "", name: a?.name?.[locale] ?? a?.slug ?? "" },
      };
    }),
  };
}
