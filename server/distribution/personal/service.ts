import mongoose from "mongoose";
import { InvalidAnswersError, LinkUsedError, NotFoundError } from "../../errors";
import { askedVersion, type Respondent } from "../../take/asked-version";
import { validateAnswers } from "../../surveys/answer-schema";
import type { RespondentLocale } from "../../shared/locales";
import type { FieldCipher } from "../../privacy/crypto";
import { cleanStrings } from "../../shared/text";
import { dayOf } from "../../responses/ids";
import { frameOfInvitation } from "../../responses/frame";
import { SurveyResponse } from "../../responses/model";
import type { Submission } from "../../take/schema";
import { findKioskWave, submitToWave, surveyOfWave } from "../../take/service";
import { Contact } from "../contacts/model";
import { Invitation, PROGRESS_CONTEXT } from "../invitations/model";
import { linkTokenHash } from "../links";
import type { PersonalSurvey } from "./schema";

async function invitationOf(token: string) {
  const invitation = await Invitation.findOne({ tokenHash: linkTokenHash(token) }).lean();
  if (!invitation) throw new NotFoundError("SURVEY_NOT_FOUND");
  return invitation;
}

type InvitationLean = Awaited<ReturnType<typeof invitationOf>>;

const waveOf = (inv: InvitationLean) => findKioskWave(inv.waveId, inv.authorityId);

/**
 * The person behind an invitation, as the survey needs them: the invitation is
 * their split-ballot key (the same arm on every visit), a consented panel
 * member reads the "confidential" consent, and a minor's survey opens only
 * with a parent's consent on record.
 */
async function respondentOf(inv: InvitationLean): Promise<Respondent & { panelId?: string }> {
  const contact = await Contact.findById(inv.contactId, {
    panelId: 1,
    panelConsent: 1,
    parentalConsent: 1,
  }).lean();
  const panel = Boolean(contact?.panelConsent?.given);
  return {
    ballotKey: inv._id.toHexString(),
    panel,
    parentalConsent: Boolean(contact?.parentalConsent?.given),
    ...(panel && contact?.panelId ? { panelId: contact.panelId } : {}),
  };
}

function openProgress(cipher: FieldCipher, inv: InvitationLean) {
  if (!inv.progress?.sealed) return null;
  const answers = JSON.parse(cipher.decrypt(inv.progress.sealed, PROGRESS_CONTEXT)) as Record<
    string,
    unknown
  >;
  return { answers, pageNo: inv.progress.pageNo ?? 0 };
}

/**
 * Opens a personal link: the wave's survey in the contact's language (or the
 * one asked for) with any answers saved so far. A link whose response is stored
 * answers LINK_USED; the first opening is recorded for monitoring.
 */
export async function openPersonalLink(
  cipher: FieldCipher,
  token: string,
  lang: RespondentLocale | undefined,
): Promise<PersonalSurvey> {
  const inv = await invitationOf(token);
  if (inv.completedAt) throw new LinkUsedError();
  const wave = await waveOf(inv);
  const survey = await surveyOfWave(wave, lang ?? inv.locale, await respondentOf(inv));
  await Invitation.updateOne(
    { _id: inv._id, openedAt: mongoose.trusted({ $exists: false }) },
    { $set: { openedAt: new Date() } },
  );
  return { ...survey, progress: openProgress(cipher, inv) };
}

/** Saves the answers so far (sealed) and the page reached, so the resident can resume anywhere. */
export async function saveProgress(
  cipher: FieldCipher,
  token: string,
  input: { answers: Record<string, unknown>; pageNo: number },
): Promise<{ savedAt: string }> {
  const inv = await invitationOf(token);
  if (inv.completedAt) throw new LinkUsedError();
  // A minor's answers are not kept, even in part, without a parent's consent on record.
  await askedVersion(await waveOf(inv), await respondentOf(inv));
  const savedAt = new Date();
  const sealed = cipher.encrypt(JSON.stringify(cleanStrings(input.answers)), PROGRESS_CONTEXT);
  await Invitation.updateOne(
    { _id: inv._id, completedAt: mongoose.trusted({ $exists: false }) },
    {
      $set: { progress: { sealed, pageNo: input.pageNo, savedAt } },
      $min: { startedAt: savedAt },
    },
  );
  return { savedAt: savedAt.toISOString() };
}

/**
 * Stores the one response of a personal link. The invitation is marked complete
 * atomically before the response is written, so two different submissions
 * cannot both get through; a retry of the same submission gets the stored one
 * (200) and any other a 409. The response carries the panel pseudonym of a
 * consented contact and nothing else about them.
 */
export async function submitPersonal(token: string, submission: Submission) {
  const inv = await invitationOf(token);
  const retried = async () => {
    const stored = await SurveyResponse.findOne(
      { submissionId: submission.submissionId, waveId: inv.waveId },
      { submittedAt: 1 },
    ).lean();
    if (!stored) throw new LinkUsedError();
    return { id: stored._id.toHexString(), submittedAt: stored.submittedAt, created: false };
  };
  if (inv.completedAt) return retried();
  // Answers that do not fit the survey are refused before the link is touched.
  const wave = await waveOf(inv);
  const respondent = await respondentOf(inv);
  const checked = validateAnswers(
    (await askedVersion(wave, respondent)).snapshot,
    cleanStrings(submission.answers),
  );
  if (!checked.ok) throw new InvalidAnswersError(checked.issues);
  // The day only, as on the response: a time here would tie the contact to their answers.
  const claimed = await Invitation.findOneAndUpdate(
    { _id: inv._id, completedAt: mongoose.trusted({ $exists: false }) },
    { $set: { completedAt: dayOf(new Date()) } },
  ).lean();
  if (!claimed) return retried();
  try {
    const { panelId } = respondent;
    // The invitation's frame cell goes with the answers (the non-response
    // adjustment's cells); nothing else of the contact does.
    const result = await submitToWave(async () => wave, submission, "sms", undefined, {
      ...respondent,
      frame: frameOfInvitation(inv),
    });
    if (result.created && panelId)
      await SurveyResponse.updateOne({ _id: result.id }, { $set: { panelId } });
    await Invitation.updateOne(
      { _id: inv._id },
      { $unset: { progress: 1 }, $min: { startedAt: dayOf(new Date()) } },
    );
    return result;
  } catch (err) {
    // Nothing was stored: the link stays open for a corrected submission (stamped,
    // as every write to a list is: the dashboards saw it complete).
    await Invitation.updateOne({ _id: inv._id }, { $unset: { completedAt: 1 } });
    throw err;
  }
}
