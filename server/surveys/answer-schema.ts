import { CONSENT_ID } from "./bank";
import type { InstrumentSnapshot } from "./snapshot";
import { DONT_KNOW } from "./survey-json";

/** A checked answer: a scale value, "don't know", or the consent flag. */
export type AnswerValue = number | typeof DONT_KNOW | true;

export type AnswerIssueCode = "UNKNOWN_QUESTION" | "NOT_A_CHOICE" | "CONSENT_REQUIRED";
export interface AnswerIssue {
  path: string;
  code: AnswerIssueCode;
}
export type AnswerCheck =
  { ok: true; answers: Record<string, AnswerValue> } | { ok: false; issues: AnswerIssue[] };

interface Choices {
  values: ReadonlySet<number>;
  dontKnow: boolean;
}

// Snapshots are immutable, so the lookup built for one stays right for its life.
const lookups = new WeakMap<InstrumentSnapshot, Map<string, Choices>>();

function lookupOf(snapshot: InstrumentSnapshot): Map<string, Choices> {
  let lookup = lookups.get(snapshot);
  if (!lookup) {
    lookup = new Map();
    for (const page of snapshot.pages) {
      for (const item of page.items) {
        lookup.set(item.id, {
          values: new Set(item.scale.points.map((p) => p.value)),
          dontKnow: item.dontKnow,
        });
      }
    }
    lookups.set(snapshot, lookup);
  }
  return lookup;
}

/**
 * Checks a resident's answers against the snapshot. Strict on purpose: consent must
 * be exactly `true`, an item's answer must be one of its scale values as a number
 * (or "dk" where offered), and any other key is refused. That keeps strings,
 * fractions and query operators such as `{ $gt: "" }` out of the store. Unanswered
 * items are simply absent. The output holds only the checked keys.
 */
export function validateAnswers(
  snapshot: InstrumentSnapshot,
  answers: Record<string, unknown>,
): AnswerCheck {
  const lookup = lookupOf(snapshot);
  const issues: AnswerIssue[] = [];
  const out: Record<string, AnswerValue> = {};
  if (answers[CONSENT_ID] !== true || !Object.hasOwn(answers, CONSENT_ID)) {
    issues.push({ path: CONSENT_ID, code: "CONSENT_REQUIRED" });
  } else {
    out[CONSENT_ID] = true;
  }
  for (const [key, value] of Object.entries(answers)) {
    if (key === CONSENT_ID) continue;
    const choices = lookup.get(key);
    if (!choices) {
      issues.push({ path: key, code: "UNKNOWN_QUESTION" });
    } else if (typeof value === "number" && choices.values.has(value)) {
      out[key] = value;
    } else if (value === DONT_KNOW && choices.dontKnow) {
      out[key] = DONT_KNOW;
    } else {
      issues.push({ path: key, code: "NOT_A_CHOICE" });
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, answers: out };
}
