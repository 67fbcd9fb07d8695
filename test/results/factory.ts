import { randomUUID } from "node:crypto";
import type { Types } from "mongoose";
import { getSnapshot } from "../../server/instruments/service";
import { SurveyResponse } from "../../server/responses/model";
import { Wave } from "../../server/waves/model";
import { makeOpenWave } from "../factories/program";
import { validateAnswers } from "../../server/surveys/answer-schema";
import { scoreResponse } from "../../server/surveys/scoring";

/** What one synthetic respondent looks like. */
export interface Respondent {
  /** Scale position 0..k-1 chosen on every construct item (reversed items too). */
  position: number;
  age?: number | "dk";
  sex?: number | "dk";
  neighbourhood?: string;
  locale?: "he" | "ar" | "en";
  channel?: "open-link" | "sms" | "kiosk";
  submittedAt?: Date;
  /** A panel member's pseudonym (the same in each wave they answered). */
  panelId?: string;
  /** A personal link's frame cell, as its invitation gave it. */
  frame?: { language: string; neighbourhood: string };
}

/**
 * Stores responses to a wave directly (validated and scored as the take service
 * does), so tests can build programs of many authorities quickly.
 */
export async function addResponses(
  wave: { _id: Types.ObjectId; authorityId: Types.ObjectId; instrumentVersionId: Types.ObjectId },
  respondents: readonly Respondent[],
): Promise<void> {
  const snapshot = await getSnapshot(wave.instrumentVersionId);
  const docs = respondents.map((r) => {
    const answers: Record<string, unknown> = { consent: true };
    for (const page of snapshot.pages)
      for (const item of page.items) {
        if (item.kind !== "item" || !item.scale || item.visibleIf) continue;
        const points = item.scale.points;
        answers[item.id] = points[Math.min(points.length - 1, r.position)]!.value;
      }
    if (r.age !== undefined) answers.dem_age_band = r.age;
    if (r.sex !== undefined) answers.dem_sex = r.sex;
    if (r.neighbourhood !== undefined) answers.dem_neighbourhood = r.neighbourhood;
    const checked = validateAnswers(snapshot, answers);
    if (!checked.ok) throw new Error(`invalid test answers: ${JSON.stringify(checked.issues)}`);
    return {
      waveId: wave._id,
      authorityId: wave.authorityId,
      instrumentVersionId: wave.instrumentVersionId,
      // Personal SMS links by default: a list sample, reported with intervals and tests.
      channel: r.channel ?? "sms",
      locale: r.locale ?? "he",
      submissionId: randomUUID(),
      answers: checked.answers,
      scores: scoreResponse(snapshot, checked.answers),
      submittedAt: r.submittedAt ?? new Date(),
      ...(r.panelId ? { panelId: r.panelId } : {}),
      ...(r.frame ? { frame: r.frame } : {}),
    };
  });
  await SurveyResponse.insertMany(docs);
}

/** n respondents cycling through positions, ages and sexes. */
export function respondents(n: number, extra: Partial<Respondent> = {}, offset = 0): Respondent[] {
  return Array.from({ length: n }, (_, i) => ({
    position: (i + offset) % 4,
    age: 1 + (i % 7),
    sex: 1 + (i % 2),
    ...extra,
  }));
}

/**
 * An authority with an open follow-up wave and a closed baseline a year before
 * it, both on the same instrument version; no responses yet.
 */
export async function authorityWithTwoWaves(
  baselineName = { he: "בסיס", ar: "أساس", en: "Baseline" },
) {
  const { authority, wave: followUp } = await makeOpenWave({ kind: "follow-up" });
  const baseline = await Wave.create({
    authorityId: authority._id,
    instrumentVersionId: followUp.instrumentVersionId,
    name: baselineName,
    kind: "baseline",
    status: "closed",
    opensAt: new Date(Date.now() - 365 * 86_400_000),
  });
  return { authority, baseline, followUp };
}
