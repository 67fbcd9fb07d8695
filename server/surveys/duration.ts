import type { InstrumentSnapshot, SnapshotItem } from "./snapshot-schema";

/**
 * How long an instrument takes, estimated from its questions, so the intro states
 * each instrument's own time instead of one figure for all. The rates are
 * conservative for the program's respondents (many older, some with low literacy,
 * on a phone): reading at 2.5 words a second, 1.5 s to read each choice of a
 * scale met for the first time and 0.3 s once it is familiar, 3 s to tap an
 * answer, 30 s to type a short text and 45 s for an open comment.
 * Conditional questions count in full: the estimate is for a respondent who is
 * asked everything.
 */

const WORDS_PER_SECOND = 2.5;
const SECONDS_PER_CHOICE = 1.5;
const SECONDS_PER_FAMILIAR_CHOICE = 0.3;
const SECONDS_TO_ANSWER = 3;
const SECONDS_TO_TYPE: Partial<Record<SnapshotItem["control"], number>> = {
  text: 30,
  comment: 45,
};
// Consent and intro pages: reading them and one tap.
const SECONDS_FOR_CONSENT = 20;

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/**
 * Seconds one question takes: reading (English word count), its choices, answering.
 * `familiar` is true when the respondent has already met its scale.
 */
export function questionSeconds(item: SnapshotItem, familiar = false): number {
  const reading = words(item.text.en) / WORDS_PER_SECOND;
  const typing = SECONDS_TO_TYPE[item.control];
  if (typing !== undefined) return reading + typing;
  // A 0-10 rating is read as one row, not eleven choices.
  const choices = item.control === "rating" ? 3 : (item.scale?.points.length ?? 2);
  const perChoice = familiar ? SECONDS_PER_FAMILIAR_CHOICE : SECONDS_PER_CHOICE;
  return reading + choices * perChoice + SECONDS_TO_ANSWER;
}

/** The estimate for a whole instrument, in seconds and in whole minutes (rounded up). */
export function estimateDuration(snapshot: Pick<InstrumentSnapshot, "pages">): {
  seconds: number;
  minutes: number;
} {
  const met = new Set<string>();
  let total = SECONDS_FOR_CONSENT;
  for (const item of snapshot.pages.flatMap((p) => p.items)) {
    const scaleId = item.scale?.id;
    total += questionSeconds(item, scaleId !== undefined && met.has(scaleId));
    if (scaleId !== undefined) met.add(scaleId);
  }
  const seconds = Math.round(total);
  return { seconds, minutes: Math.max(1, Math.ceil(seconds / 60)) };
}

/** The placeholder an intro uses for the instrument's own estimate in minutes. */
export const MINUTES_PLACEHOLDER = "{minutes}";
