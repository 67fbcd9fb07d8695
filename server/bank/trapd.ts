import type { UserPrincipal } from "../access/principal";
import { ConflictError, NotFoundError, TranslationStepError, type ErrorDetail } from "../errors";
import { currentBank } from "./bank-cache";
import { loadDraft, saveDraft, type LoadedDraft } from "./drafts";
import { withTextAt } from "./text-at";
import { TranslationReview } from "./trapd-model";
import type { TrapdEntry, TrapdStepInput, TrapdView } from "./trapd-schema";
import {
  REQUIRED_TO_LEAVE,
  TRAPD_FIELDS,
  TRAPD_STAGES,
  nextStage,
  previousStage,
  type TrapdStage,
} from "../shared/trapd-stages";
import { trapdUnits, type TrapdLocale, type TrapdUnit } from "./trapd-units";
import { DECLARED_LOCALES, trapdGaps } from "./trapd-gate";

/** A stored string's record, as read (lean). */
interface Record_ {
  key: string;
  path: string;
  locale: string;
  stage: string;
  translationA: string;
  translationB: string;
  reviewNote: string;
  final: string;
  sourceAtFinal: string;
  pretestNote: string;
  history: Array<{ from: string; to: string; note: string; at: Date }>;
}

/** Where a string stands before anyone touched it. */
function blank(key: string, path: string, locale: TrapdLocale): Record_ {
  return {
    key,
    path,
    locale,
    stage: "translate",
    translationA: "",
    translationB: "",
    reviewNote: "",
    final: "",
    sourceAtFinal: "",
    pretestNote: "",
    history: [],
  };
}

function entryOf(unit: TrapdUnit, locale: TrapdLocale, r: Record_): TrapdEntry {
  return {
    locale,
    stage: r.stage as TrapdStage,
    current: unit.current[locale] ?? "",
    translationA: r.translationA,
    translationB: r.translationB,
    reviewNote: r.reviewNote,
    final: r.final,
    pretestNote: r.pretestNote,
    sourceChanged: r.final !== "" && r.sourceAtFinal !== unit.source,
    history: r.history.map((h) => ({
      from: h.from as TrapdStage,
      to: h.to as TrapdStage,
      note: h.note,
      at: h.at.toISOString(),
    })),
  };
}

/** The units of a draft, each with its entries per language, from the stored records. */
async function reviewOf(draft: LoadedDraft) {
  const units = trapdUnits(currentBank(), draft.content);
  const records = await TranslationReview.find({ key: draft.key }).lean();
  const byId = new Map(records.map((r) => [`${r.path}\u0000${r.locale}`, r]));
  return units.map((unit) => ({
    path: unit.path,
    kind: unit.kind,
    source: unit.source,
    entries: unit.locales.map((l) =>
      entryOf(unit, l, byId.get(`${unit.path}\u0000${l}`) ?? blank(draft.key, unit.path, l)),
    ),
  }));
}

/** A draft's translation review: every string in every target language, and the stage counts. */
export async function trapdView(key: string): Promise<TrapdView> {
  const draft = await loadDraft(key);
  const units = await reviewOf(draft);
  const stages = Object.fromEntries(TRAPD_STAGES.map((s) => [s, 0])) as Record<TrapdStage, number>;
  for (const u of units) for (const e of u.entries) stages[e.stage] += 1;
  const blocking = trapdGaps(currentBank(), units, DECLARED_LOCALES);
  return { key, revision: draft.revision, stages, units, blocking };
}

/** Why the step cannot be taken, as error details (empty when it can). */
function stepProblems(stage: TrapdStage, input: TrapdStepInput, merged: Record_): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const own = REQUIRED_TO_LEAVE[stage];
  for (const f of TRAPD_FIELDS) {
    // A stage's record is kept as it was left: later stages do not rewrite it.
    if (input.fields[f] !== undefined && !own.includes(f))
      out.push({ path: `body.fields.${f}`, code: "notThisStage" });
  }
  if (input.action === "advance") {
    if (nextStage(stage) === null) out.push({ path: "body.action", code: "atEnd" });
    for (const f of own)
      if (merged[f].trim() === "") out.push({ path: `body.fields.${f}`, code: "required" });
  }
  if (input.action === "return") {
    if (previousStage(stage) === null) out.push({ path: "body.action", code: "atStart" });
    if (input.note.trim() === "") out.push({ path: "body.note", code: "required" });
  }
  return out;
}

/**
 * Takes one TRAPD step on one string in one language: saves the current stage's
 * fields, and advances (when they are filled) or sends the string back a stage
 * (with a note saying why). Adjudicating a draft's own text writes the final into
 * the draft as a new revision; 409 when the stage moved on since the person read it.
 */
export async function takeTrapdStep(
  principal: UserPrincipal,
  key: string,
  input: TrapdStepInput,
): Promise<TrapdView> {
  const draft = await loadDraft(key);
  const unit = trapdUnits(currentBank(), draft.content).find((u) => u.path === input.path);
  if (!unit || !unit.locales.includes(input.locale)) throw new NotFoundError();
  const stored = await TranslationReview.findOne({
    key,
    path: input.path,
    locale: input.locale,
  }).lean();
  const before = stored ?? blank(key, input.path, input.locale);
  const stage = before.stage as TrapdStage;
  if (stage !== input.stage) throw new ConflictError([{ path: "body.stage", code: "stale" }]);
  const merged: Record_ = { ...before };
  for (const f of TRAPD_FIELDS) {
    const value = input.fields[f];
    if (value !== undefined) merged[f] = value;
  }
  const problems = stepProblems(stage, input, merged);
  if (problems.length > 0) throw new TranslationStepError(problems);
  const to =
    input.action === "advance"
      ? nextStage(stage)!
      : input.action === "return"
        ? previousStage(stage)!
        : stage;
  if (input.action === "advance" && stage === "adjudicate") merged.sourceAtFinal = unit.source;
  const update = {
    ...Object.fromEntries(TRAPD_FIELDS.map((f) => [f, merged[f]])),
    sourceAtFinal: merged.sourceAtFinal,
    stage: to,
  };
  const step = { from: stage, to, note: input.note, by: principal.id, at: new Date() };
  // The final goes into the draft first: a draft saved by someone else meanwhile is a
  // 409 here, before the string's stage has moved.
  if (to === "pretest" && unit.kind === "text") {
    const content = withTextAt(draft.content, unit.path, input.locale, merged.final);
    await saveDraft(principal, key, draft.revision, content);
  }
  // The stage in the filter makes a concurrent step by someone else a 409, not a lost edit.
  const result = await TranslationReview.updateOne(
    { key, path: input.path, locale: input.locale, stage },
    {
      $set: update,
      ...(to !== stage ? { $push: { history: step } } : {}),
    },
    { upsert: !stored },
  ).catch((err: { code?: number }) => {
    if (err.code === 11000) throw new ConflictError([{ path: "body.stage", code: "stale" }]);
    throw err;
  });
  if (result.matchedCount + result.upsertedCount !== 1)
    throw new ConflictError([{ path: "body.stage", code: "stale" }]);
  return trapdView(key);
}

/** The review of a draft as it stands, to be kept with a version published from it. */
export async function reviewForVersion(key: string) {
  return reviewOf(await loadDraft(key));
}
