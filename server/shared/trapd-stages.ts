/**
 * The stages of TRAPD (Harkness): Translate (two independent translations),
 * Review, Adjudicate (the final wording), Pretest, and Document. "documented"
 * is where a string ends; each stage names the fields that must be filled
 * before it can be left.
 */
export const TRAPD_STAGES = ["translate", "review", "adjudicate", "pretest", "documented"] as const;
export type TrapdStage = (typeof TRAPD_STAGES)[number];

/** The fields a person fills in at each stage. */
export const TRAPD_FIELDS = [
  "translationA",
  "translationB",
  "reviewNote",
  "final",
  "pretestNote",
] as const;
export type TrapdField = (typeof TRAPD_FIELDS)[number];

/** What must be non-blank to leave a stage forward. */
export const REQUIRED_TO_LEAVE: Record<TrapdStage, readonly TrapdField[]> = {
  translate: ["translationA", "translationB"],
  review: ["reviewNote"],
  adjudicate: ["final"],
  pretest: ["pretestNote"],
  documented: [],
};

/** The stage after `stage`, or null at the end. */
export function nextStage(stage: TrapdStage): TrapdStage | null {
  return TRAPD_STAGES[TRAPD_STAGES.indexOf(stage) + 1] ?? null;
}

/** The stage before `stage`, or null at the start. */
export function previousStage(stage: TrapdStage): TrapdStage | null {
  const i = TRAPD_STAGES.indexOf(stage);
  return i > 0 ? TRAPD_STAGES[i - 1]! : null;
}

/** True once a string has an adjudicated final (adjudicate was left forward). */
export function isAdjudicated(stage: TrapdStage): boolean {
  return TRAPD_STAGES.indexOf(stage) > TRAPD_STAGES.indexOf("adjudicate");
}
