import { Authority } from "../authorities/model";
import {
  closeNeighbourhood,
  NEIGHBOURHOOD_QUESTION,
  neighbourhoodsOf,
  withNeighbourhoodChoices,
  type Neighbourhood,
} from "../authorities/neighbourhoods";
import {
  InvalidAnswersError,
  NotFoundError,
  QuotaFullError,
  SurveyClosedError,
  WavePausedError,
} from "../errors";
import { takeQuotaPlaces, type QuotaPlaces } from "../quotas/service";
import { directionOf, storedLocaleOf, textIn, type RespondentLocale } from "../shared/locales";
import { snapshotForRussian } from "./respondent-texts";
import { offeredLanguages, servedLanguage } from "../shared/wave-languages";
import { askedVersion, withConsentFor, type Respondent } from "./asked-version";
import { groupExamplesOf } from "../group-examples/service";
import { withGroupExamples } from "../group-examples/survey";
import { SurveyResponse } from "../responses/model";
import type { ResponseFrame } from "../responses/frame";
import { scoreResponse } from "../surveys/scoring";
import { buildSurveyJson } from "../surveys/survey-json";
import { validateAnswers } from "../surveys/answer-schema";
import { Wave, type Channel, type WaveDoc } from "../waves/model";
import { cleanStrings } from "../shared/text";
import type { Types } from "mongoose";
import type { OpenSurvey, Submission } from "./schema";
import { exportKeyOf } from "../responses/export-key";
import { insertBatcher } from "./insert-batch";
import { dayOf, newResponseId } from "../responses/ids";

/**
 * Channels whose responses keep the day and nothing finer: the SMS link and the
 * kiosk are where staff know who answered (an invitation, a lobby), so a time
 * would tie the answers to the person. The open link keeps its time (nobody
 * is known there, and bursts of posts are told apart by it).
 */
const DAY_ONLY: ReadonlySet<Channel> = new Set(["sms", "kiosk"]);

type WaveLean = NonNullable<Awaited<ReturnType<typeof findOpenLinkWave>>>;

/**
 * Read through the driver rather than a mongoose query: the filter is two strings
 * (the slug is checked at the edge) and nothing is cast, and this read is on every
 * burst of submissions to a link.
 */
function readOpenLinkWave(slug: string): Promise<(WaveDoc & { _id: Types.ObjectId }) | null> {
  return Wave.collection.findOne({ openLinkSlug: slug, channels: "open-link" }) as Promise<
    (WaveDoc & { _id: Types.ObjectId }) | null
  >;
}

/** Reads of open-link waves under way, by slug. */
const wavesInFlight = new Map<string, ReturnType<typeof readOpenLinkWave>>();

/**
 * The wave behind an open link. Requests that arrive while a read of the same
 * link is under way share its answer rather than each asking the store: the
 * wave they see was read at most one round trip before they arrived, as if they
 * had come that much earlier, and nothing is kept once the read is back (a
 * wave paused or closed is refused from the next read on).
 */
async function findOpenLinkWave(slug: string) {
  let read = wavesInFlight.get(slug);
  if (!read) {
    read = readOpenLinkWave(slug);
    wavesInFlight.set(slug, read);
    const forget = () => wavesInFlight.delete(slug);
    read.then(forget, forget);
  }
  return assertTakesAnswers(await read);
}

/** A kiosk's assigned wave, if it takes answers now. */
export async function findKioskWave(waveId: Types.ObjectId, authorityId: Types.ObjectId) {
  return assertTakesAnswers(await Wave.findOne({ _id: waveId, authorityId }).lean());
}

function assertTakesAnswers<W extends { status: string; opensAt: Date; closesAt?: Date | null }>(
  wave: W | null,
): W {
  if (!wave || wave.status === "draft") throw new NotFoundError("SURVEY_NOT_FOUND");
  const now = Date.now();
  const waveId = (wave as { _id?: Types.ObjectId })._id;
  const pastClose =
    wave.closesAt !== undefined && wave.closesAt !== null && wave.closesAt.getTime() <= now;
  // Paused is for now: "closed" would tell residents not to come back.
  if (wave.status === "paused" && !pastClose) throw new WavePausedNow(waveId);
  const closed = wave.status !== "open" || wave.opensAt.getTime() > now || pastClose;
  if (closed) throw new WaveNotTakingAnswers(waveId);
  return wave;
}

/**
 * A wave that exists but takes no answers now (410), naming the wave so a retry
 * of a submission stored before it closed can still be answered from that wave alone.
 */
class WaveNotTakingAnswers extends SurveyClosedError {
  constructor(readonly waveId: Types.ObjectId | undefined) {
    super();
  }
}

/** A paused wave (409 WAVE_PAUSED), naming the wave for the same retry look-up. */
class WavePausedNow extends WavePausedError {
  constructor(readonly waveId: Types.ObjectId | undefined) {
    super();
  }
}

/** The survey behind an open link, in one locale, ready for SurveyJS. */
export async function openSurvey(
  slug: string,
  locale: RespondentLocale,
  respondent: Respondent = {},
): Promise<OpenSurvey> {
  return surveyOfWave(await findOpenLinkWave(slug), locale, respondent);
}

/**
 * The survey of a wave already found to take answers, in one locale. In Russian,
 * a text the item bank has no Russian for is shown in Hebrew and its question is
 * named in `untranslated`, for the page to mark. In a wave with a bridge, the
 * respondent's ballot picks the version (`arm` says which); the consent is the
 * wording true for this respondent (server/take/asked-version.ts).
 */
export async function surveyOfWave(
  wave: WaveLean,
  askedLocale: RespondentLocale,
  respondent: Respondent = {},
): Promise<OpenSurvey> {
  const [authority, asked, groupExamples] = await Promise.all([
    Authority.findById(wave.authorityId).lean(),
    askedVersion(wave, respondent),
    groupExamplesOf(wave.authorityId),
  ]);
  if (!authority) throw new NotFoundError("SURVEY_NOT_FOUND");
  // A language the wave does not offer (an old link, a browser's preference) gets the
  // authority's default: its texts were never checked for that language.
  const languages = offeredLanguages(wave.languages);
  const locale = servedLanguage(askedLocale, languages, authority.population);
  const snapshot = withConsentFor(asked.snapshot, respondent);
  const russian = locale === "ru" ? snapshotForRussian(snapshot) : null;
  const built = russian
    ? buildSurveyJson(russian.snapshot, storedLocaleOf(locale))
    : buildSurveyJson(snapshot, storedLocaleOf(locale));
  return {
    wave: { id: wave._id.toHexString(), name: textIn(wave.name, locale) },
    authority: {
      id: authority._id.toHexString(),
      name: textIn(authority.name, locale),
      slug: authority.slug,
    },
    locale,
    languages,
    dir: directionOf(locale),
    instrument: { key: snapshot.key, version: snapshot.version },
    ...(asked.arm ? { arm: asked.arm } : {}),
    // The neighbourhood is a choice from the authority's own list, never free text.
    // The groups named beside the intergroup item are the authority's own.
    survey: withGroupExamples(
      withNeighbourhoodChoices(
        built as Record<string, unknown>,
        (authority.neighbourhoods ?? []) as Neighbourhood[],
        locale,
      ),
      groupExamples,
      locale,
    ),
    ...(russian ? { untranslated: russian.untranslated } : {}),
  };
}

/**
 * Validates, scores and stores one response. A submission id seen before returns
 * the stored response instead of a second copy, so a retry after a lost reply is safe.
 */
export async function submitResponse(
  slug: string,
  submission: Submission,
  channel: Channel,
  admit?: Admit,
  respondent: Respondent = {},
): Promise<{ id: string; submittedAt: Date; created: boolean }> {
  return submitToWave(() => findOpenLinkWave(slug), submission, channel, admit, respondent);
}

/**
 * A check a channel makes once the wave is known and the answers hold (the open
 * link's anti-stuffing, server/take/stuffing-guard.ts): it may refuse, flag the
 * response, and hand back what it took when the response is not stored.
 */
export type Admit = (waveId: Types.ObjectId) => Promise<{
  flags: string[];
  release: () => Promise<void>;
}>;

const insertResponse = insertBatcher(() =>
  SurveyResponse.db.db!.collection(SurveyResponse.collection.collectionName),
);

type Stored = { id: string; submittedAt: Date; created: boolean };

/**
 * The response stored before under this submission id in this wave, if any. Only
 * this wave's: another wave's submission id must not give that response's id and time.
 */
async function storedBefore(submissionId: string, waveId: Types.ObjectId): Promise<Stored | null> {
  const existing = await SurveyResponse.findOne(
    { submissionId, waveId },
    { submittedAt: 1 },
  ).lean();
  return existing
    ? { id: existing._id.toHexString(), submittedAt: existing.submittedAt, created: false }
    : null;
}

/**
 * Stores one response to the wave `findWave` resolves. Text in the answers is
 * cleaned of bidi overrides and control characters before it is checked.
 *
 * A submission id seen before answers with the stored response (created: false).
 * The store's unique index on submissionId decides that, not a look-up first:
 * the common case (a new submission) then costs two round trips to the store
 * instead of three. A retry that arrives after its wave closed is looked up when
 * the wave refuses it, so it still gets its stored id rather than a 410.
 *
 * The answers are checked against, scored by and stored with the version this
 * respondent was asked (their arm, in a wave with a bridge), and refused when
 * the instrument needs a parent's consent that is not on record.
 */
export async function submitToWave(
  findWave: () => Promise<WaveLean>,
  submission: Submission,
  channel: Channel,
  admit?: Admit,
  respondent: Respondent & { frame?: ResponseFrame } = {},
): Promise<Stored> {
  let wave: WaveLean;
  try {
    wave = await findWave();
  } catch (err) {
    const waveId =
      err instanceof WaveNotTakingAnswers || err instanceof WavePausedNow ? err.waveId : undefined;
    const stored = waveId ? await storedBefore(submission.submissionId, waveId) : null;
    if (stored) return stored;
    throw err;
  }
  const asked = await askedVersion(wave, respondent);
  const snapshot = asked.snapshot;
  const checked = validateAnswers(snapshot, cleanStrings(submission.answers));
  if (!checked.ok) throw new InvalidAnswersError(checked.issues);
  // Only a key of the authority's list is kept: typed text becomes "other", without the text.
  if (NEIGHBOURHOOD_QUESTION in checked.answers)
    closeNeighbourhood(checked.answers, await neighbourhoodsOf(wave.authorityId));
  const admitted = admit ? await admit(wave._id) : undefined;
  let places: QuotaPlaces | undefined;
  try {
    places = await takeQuotaPlaces(wave, checked.answers);
  } catch (err) {
    await admitted?.release();
    // A retry of a response stored before its cell filled keeps its record.
    const stored =
      err instanceof QuotaFullError ? await storedBefore(submission.submissionId, wave._id) : null;
    if (stored) return stored;
    throw err;
  }

  try {
    const now = new Date();
    const responseId = newResponseId(now);
    const doc = {
      _id: responseId,
      waveId: wave._id,
      authorityId: wave.authorityId,
      instrumentVersionId: asked.instrumentVersionId,
      ...(asked.arm ? { arm: asked.arm } : {}),
      channel,
      // A personal link's frame cell, for the non-response adjustment.
      ...(respondent.frame ? { frame: respondent.frame } : {}),
      locale: submission.locale,
      submissionId: submission.submissionId,
      answers: checked.answers,
      scores: scoreResponse(snapshot, checked.answers),
      submittedAt: DAY_ONLY.has(channel) ? dayOf(now) : now,
      ...(admitted && admitted.flags.length > 0 ? { flags: admitted.flags } : {}),
      // The export's order (server/responses/export-key.ts), kept on the response.
      exportKey: exportKeyOf(responseId),
      __v: 0,
    };
    await insertResponse(doc);
    return { id: doc._id.toHexString(), submittedAt: doc.submittedAt, created: true };
  } catch (err) {
    await admitted?.release();
    await places.release();
    // Stored before (a retry after a lost reply, or two copies racing): return that record.
    if ((err as { code?: number }).code === 11000) {
      const stored = await storedBefore(submission.submissionId, wave._id);
      if (stored) return stored;
    }
    throw err;
  }
}
