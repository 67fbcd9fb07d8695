import { ZodError } from "zod";
import { DraftNotReadyError, TranslationNotAdjudicatedError } from "../errors";
import { ItemBankError } from "../surveys/bank";
import { getSnapshot, storeSnapshot } from "../instruments/service";
import { compareVersions } from "../surveys/compare";
import {
  instrumentSnapshotSchema,
  publishSnapshot,
  type InstrumentSnapshot,
} from "../surveys/snapshot";
import { buildMultiLocaleSurveyJson } from "../surveys/survey-json";
import { currentBank } from "./bank-cache";
import { draftProblems, toBankDraft } from "./compile";
import { latestVersionOf, loadDraft, type LoadedDraft } from "./drafts";
import { missingToPublish, translationIssues } from "./translations";
import { InstrumentVersion } from "../instruments/model";
import { reviewForVersion } from "./trapd";
import { DECLARED_LOCALES, trapdGaps } from "./trapd-gate";

/** The draft compiled as it stands, missing texts filled and broken entries left out. */
function lenientSnapshot(draft: LoadedDraft): InstrumentSnapshot | null {
  const bank = currentBank();
  const { draft: bankDraft, texts } = toBankDraft(bank, draft.key, draft.content, true);
  if (bankDraft.pages.length === 0) return null;
  return publishSnapshot(bank, bankDraft, texts);
}

/**
 * The live preview: the draft compiled by the same code that publishes it
 * (server/surveys/survey-json.ts), in SurveyJS's multi-locale form so the
 * workspace switches he/ar/en without asking again. Missing translations show
 * another language marked with ⚠; entries that cannot be asked are left out.
 */
export async function previewDraft(key: string) {
  const draft = await loadDraft(key);
  const snapshot = lenientSnapshot(draft);
  return {
    revision: draft.revision,
    survey: snapshot ? buildMultiLocaleSurveyJson(snapshot) : null,
  };
}

/** The previous published version's snapshot, if there is one. */
async function previousSnapshot(key: string) {
  const latest = await latestVersionOf(key);
  return latest ? { version: latest.version, snapshot: await getSnapshot(latest._id) } : null;
}

/** Series breaks that publishing the draft now would make against the latest version. */
export async function diffDraft(key: string) {
  const draft = await loadDraft(key);
  const [previous, snapshot] = [await previousSnapshot(key), lenientSnapshot(draft)];
  const comparison = previous && snapshot ? compareVersions(previous.snapshot, snapshot) : null;
  return {
    revision: draft.revision,
    fromVersion: previous?.version ?? null,
    breaks: comparison?.breaks ?? [],
    continuous: comparison?.continuous ?? previous === null,
  };
}

/**
 * Publishes the draft as the next immutable InstrumentVersion, when it has no
 * problems and is still at `revision` (else the researcher would publish what
 * they have not seen). Returns the version and its series breaks against the
 * previous one; an unchanged draft returns the existing version.
 */
export async function publishDraft(key: string, revision: number) {
  const draft = await loadDraft(key);
  if (draft.revision !== revision) {
    throw new DraftNotReadyError([{ path: "body.revision", code: "stale" }]);
  }
  const bank = currentBank();
  const missing = missingToPublish(translationIssues(draft.content, draft.textRevs));
  const problems = draftProblems(bank, draft.content, missing.length);
  if (problems.length > 0) throw new DraftNotReadyError(problems);
  let snapshot: InstrumentSnapshot;
  try {
    const { draft: bankDraft, texts } = toBankDraft(bank, key, draft.content, false);
    snapshot = publishSnapshot(bank, bankDraft, texts);
    instrumentSnapshotSchema.parse(snapshot); // what getSnapshot will read back must parse
  } catch (err) {
    // draftProblems should have caught it; the bank's own checks are the last word
    if (err instanceof ZodError) {
      throw new DraftNotReadyError(
        err.issues.map((i) => ({ path: i.path.join("."), code: "invalid" })),
      );
    }
    if (err instanceof ItemBankError)
      throw new DraftNotReadyError([{ path: "pages", code: "invalid" }]);
    throw err;
  }
  const review = await reviewForVersion(key);
  const gaps = trapdGaps(bank, review, DECLARED_LOCALES);
  if (gaps.length > 0) throw new TranslationNotAdjudicatedError(gaps);
  const previous = await previousSnapshot(key);
  const stored = await storeSnapshot(snapshot);
  // Kept with the version; republishing unchanged content brings the record up to date.
  await InstrumentVersion.updateOne(
    { _id: stored.id },
    { $set: { translationReview: review, translationReviewAt: new Date() } },
  );
  const comparison =
    previous && stored.created ? compareVersions(previous.snapshot, snapshot) : null;
  return {
    key,
    id: stored.id.toHexString(),
    version: stored.version,
    created: stored.created,
    fromVersion: stored.created ? (previous?.version ?? null) : null,
    breaks: comparison?.breaks ?? [],
    continuous: comparison?.continuous ?? true,
  };
}
