import type { Types } from "mongoose";
import type { UserPrincipal } from "../access/principal";
import { ConflictError, NotFoundError } from "../errors";
import type { Locale, RespondentLocale } from "../shared/locales";
import { InstrumentVersion } from "../instruments/model";
import { getSnapshot } from "../instruments/service";
import { currentBank } from "./bank-cache";
import { draftProblems } from "./compile";
import { upgradeConditions } from "./condition-upgrade";
import { upgradeRussian } from "./russian-upgrade";
import { draftFromBank, draftFromSnapshot, emptyDraft } from "./draft-sources";
import { InstrumentDraftModel } from "./model";
import {
  draftContentSchema,
  type DraftContent,
  type DraftView,
  type newDraftSchema,
} from "./schema";
import {
  confirmRev,
  missingToPublish,
  nextRevs,
  translationIssues,
  type TextRev,
} from "./translations";
import type { z } from "zod";

/** A stored draft, parsed. */
export interface LoadedDraft {
  key: string;
  revision: number;
  content: DraftContent;
  textRevs: TextRev[];
  updatedAt: Date;
}

/** The draft of an instrument; 404 when there is none. */
export async function loadDraft(key: string): Promise<LoadedDraft> {
  const doc = await InstrumentDraftModel.findOne({ key }).lean();
  if (!doc) throw new NotFoundError();
  return {
    key: doc.key,
    revision: doc.revision,
    content: draftContentSchema.parse(
      upgradeRussian(currentBank(), upgradeConditions(doc.content)),
    ),
    // A text saved before Russian counts its Russian as of the Hebrew: it is missing or
    // the bank's own, never stale.
    textRevs: doc.textRevs.map((r) => ({
      path: r.path,
      he: r.he,
      ar: r.ar,
      en: r.en,
      ru: r.ru ?? r.he,
    })),
    updatedAt: doc.updatedAt,
  };
}

/** The latest published version number of an instrument, or null. */
export async function latestVersionOf(key: string) {
  return InstrumentVersion.findOne({ key }, { version: 1, _id: 1 }).sort({ version: -1 }).lean();
}

/** A draft as the designer reads it: content, translation status and problems. */
export async function presentDraft(draft: LoadedDraft): Promise<DraftView> {
  const translations = translationIssues(draft.content, draft.textRevs);
  const missing = missingToPublish(translations).length;
  const latest = await latestVersionOf(draft.key);
  return {
    key: draft.key,
    revision: draft.revision,
    updatedAt: draft.updatedAt.toISOString(),
    latestVersion: latest?.version ?? null,
    ...draft.content,
    translations,
    problems: draftProblems(currentBank(), draft.content, missing),
  };
}

/** Every instrument the workspace knows: drafts, published versions and the bank's files. */
export async function listInstruments(locale: Locale) {
  const [drafts, versions] = await Promise.all([
    InstrumentDraftModel.find({}, { key: 1, revision: 1, content: 1, updatedAt: 1 }).lean(),
    InstrumentVersion.find({}, { key: 1, version: 1, publishedAt: 1, snapshot: 1 }).lean(),
  ]);
  const keys = new Set([...drafts.map((d) => d.key), ...versions.map((v) => v.key)]);
  const instruments = [...keys].sort().map((key) => {
    const draft = drafts.find((d) => d.key === key);
    const published = versions
      .filter((v) => v.key === key)
      .sort((a, b) => a.version - b.version)
      .map((v) => ({ version: v.version, publishedAt: v.publishedAt.toISOString() }));
    const last = versions.find((v) => v.key === key && v.version === published.at(-1)?.version);
    const title =
      (draft?.content as DraftContent | undefined)?.title[locale] ||
      (last?.snapshot as { title?: Record<Locale, string> } | undefined)?.title?.[locale] ||
      key;
    return {
      key,
      title,
      draft: draft ? { revision: draft.revision, updatedAt: draft.updatedAt.toISOString() } : null,
      versions: published,
    };
  });
  const bank = [...currentBank().instruments.values()].map((i) => ({
    key: i.key,
    title: i.title[locale],
  }));
  return { instruments, bankInstruments: bank };
}

/** Starts a draft: empty, from a bank instrument file, or from the latest published version. */
export async function createDraft(
  principal: UserPrincipal,
  input: z.infer<typeof newDraftSchema>,
): Promise<LoadedDraft> {
  const bank = currentBank();
  let content: DraftContent;
  if (input.from.kind === "bank") {
    const source = bank.instruments.get(input.from.key);
    if (!source) throw new NotFoundError();
    content = draftFromBank(bank, source, input.title);
  } else if (input.from.kind === "published") {
    const latest = await latestVersionOf(input.from.key);
    if (!latest) throw new NotFoundError();
    content = { ...draftFromSnapshot(bank, await getSnapshot(latest._id)), title: input.title };
  } else {
    content = emptyDraft(bank, input.title);
  }
  if (await InstrumentDraftModel.exists({ key: input.key }))
    throw new ConflictError([{ path: "body.key", code: "exists" }]);
  const doc = await InstrumentDraftModel.create({
    key: input.key,
    revision: 1,
    content,
    textRevs: nextRevs(undefined, [], content, 1),
    updatedBy: principal.kind === "user" ? principal.id : undefined,
  });
  return loadDraft(doc.key);
}

async function writeDraft(
  current: LoadedDraft,
  content: DraftContent,
  textRevs: TextRev[],
  userId: string | Types.ObjectId,
): Promise<LoadedDraft> {
  const revision = current.revision + 1;
  const result = await InstrumentDraftModel.updateOne(
    { key: current.key, revision: current.revision },
    { $set: { content, textRevs, revision, updatedBy: userId } },
  );
  // Someone else saved in between: their edit is not overwritten.
  if (result.modifiedCount !== 1)
    throw new ConflictError([{ path: "body.revision", code: "stale" }]);
  return loadDraft(current.key);
}

/** Saves the designer's document over `revision`; 409 when the draft moved on since. */
export async function saveDraft(
  principal: UserPrincipal,
  key: string,
  revision: number,
  content: DraftContent,
): Promise<LoadedDraft> {
  const current = await loadDraft(key);
  if (current.revision !== revision)
    throw new ConflictError([{ path: "body.revision", code: "stale" }]);
  const revs = nextRevs(current.content, current.textRevs, content, revision + 1);
  return writeDraft(current, content, revs, principal.id);
}

/** Marks one translation as still right for the current Hebrew. */
export async function confirmTranslation(
  principal: UserPrincipal,
  key: string,
  input: { revision: number; path: string; locale: RespondentLocale },
): Promise<LoadedDraft> {
  const current = await loadDraft(key);
  if (current.revision !== input.revision)
    throw new ConflictError([{ path: "body.revision", code: "stale" }]);
  if (!current.textRevs.some((r) => r.path === input.path)) throw new NotFoundError();
  return writeDraft(
    current,
    current.content,
    confirmRev(current.textRevs, input.path, input.locale),
    principal.id,
  );
}
