import type { Types } from "mongoose";
import type { Principal } from "../access/principal";
import { authorityInScope } from "../authorities/in-scope";
import { GroupExamples } from "./model";
import type { GroupExamplesBody, GroupExamplesView } from "./schema";

/** An authority's examples of groups, or null. */
export async function groupExamplesOf(authorityId: Types.ObjectId) {
  const doc = await GroupExamples.findOne({ authorityId }, { text: 1 }).lean();
  const text = doc?.text;
  return text ? { he: text.he, ar: text.ar, en: text.en, ru: text.ru ?? undefined } : null;
}

/** Reads an authority's examples (in the caller's scope). */
export async function readGroupExamples(
  principal: Principal,
  slug: string,
): Promise<GroupExamplesView> {
  const authority = await authorityInScope(principal, slug);
  return { text: await groupExamplesOf(authority._id) };
}

/** Sets or removes an authority's examples of groups. */
export async function setGroupExamples(
  principal: Principal,
  slug: string,
  body: GroupExamplesBody,
): Promise<GroupExamplesView> {
  const authority = await authorityInScope(principal, slug);
  if (body.text === null) await GroupExamples.deleteOne({ authorityId: authority._id });
  else
    await GroupExamples.updateOne(
      { authorityId: authority._id },
      { $set: { text: body.text, setBy: principal.id } },
      { upsert: true },
    );
  return { text: await groupExamplesOf(authority._id) };
}
