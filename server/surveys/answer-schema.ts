import { CONSENT_ID } from "./bank";
import type { InstrumentSnapshot } from "./snapshot";
import { DONT_KNOW } from "./survey-json";
import { applyVisibility } from "./visibility";

/** A checked answer: a scale value, the missing code, text, or the consent flag. */
export type AnswerValue = number | typeof DONT_KNOW | string | true;

export type AnswerIssueCode =
  "UNKNOWN_QUESTION" | "NOT_A_CHOICE" | "NOT_TEXT" | "TOO_LONG" | "REQUIRED" | "CONSENT_REQUIRED";
export interface AnswerIssue {
  path: string;
  code: AnswerIssueCode;
}
export type AnswerCheck =
  { ok: true; answers: Record<string, AnswerValue> } | { ok: false; issues: AnswerIssue[] };

type Spec =
  | { kind: "choice"; values: ReadonlySet<number>; dontKnow: boolean; required: boolean }
  | { kind: "text"; maxLength: number; required: boolean };

interface Lookup {
  specs: Map<string, Spec>;
  /** The required questions' ids, in the instrument's order. */
  required: string[];
}

// Snapshots are immutable, so the lookup built for one stays right for its life.
const lookups = new WeakMap<InstrumentSnapshot, Lookup>();

function lookupOf(snapshot: InstrumentSnapshot): Lookup {
  let lookup = lookups.get(snapshot);
  if (!lookup) {
    const specs = new Map<string, Spec>();
    for (const page of snapshot.pages) {
      for (const item of page.items) {
        specs.set(
          item.id,
          item.scale
            ? {
                kind: "choice",
                values: new Set(item.scale.points.map((p) => p.value)),
                dontKnow: item.dontKnow,
                required: item.required,
              }
            : { kind: "text", maxLength: item.maxLength ?? 0, required: item.required },
        );
      }
    }
    const required = [...specs].filter(([, spec]) => spec.required).map(([id]) => id);
    lookup = { specs, required };
    lookups.set(snapshot, lookup);
  }
  return lookup;
}

/** An answer that does not fit its question. */
interface Refused {
  code: AnswerIssueCode;
}

/** The checked value, `null` for a blank text box (no answer), or why it is refused. */
type Checked = Exclude<AnswerValue, true> | null | Refused;

// Every answer of every submission passes through here: a fitting answer is returned as
// itself, and only a refusal makes an object.
function checkOne(spec: Spec, value: unknown): Checked {
  if (spec.kind === "text") {
    if (typeof value !== "string") return { code: "NOT_TEXT" };
    const text = value.trim();
    // A blank box is no answer; length in UTF-16 units, as the browser's maxlength counts.
    if (text === "") return null;
    return text.length > spec.maxLength ? { code: "TOO_LONG" } : text;
  }
  if (typeof value === "number" && spec.values.has(value)) return value;
  if (value === DONT_KNOW && spec.dontKnow) return DONT_KNOW;
  return { code: "NOT_A_CHOICE" };
}

/**
 * Checks a resident's answers against the snapshot. Strict on purpose: consent must
 * be exactly `true`, a choice must be one of its values as a number (or "dk" where
 * offered), text must be a string within its length, and any other key is refused.
 * That keeps strings, fractions and query operators such as `{ $gt: "" }` out of
 * the store. Answers to questions hidden by their conditions are dropped (the
 * browser sends the page's data before SurveyJS clears them), and a required
 * question that is visible must be answered. Unanswered questions are absent.
 */
export function validateAnswers(
  snapshot: InstrumentSnapshot,
  answers: Record<string, unknown>,
): AnswerCheck {
  const { specs, required } = lookupOf(snapshot);
  const issues: AnswerIssue[] = [];
  const consent = answers[CONSENT_ID] === true && Object.hasOwn(answers, CONSENT_ID);
  if (!consent) issues.push({ path: CONSENT_ID, code: "CONSENT_REQUIRED" });
  // Consent first, as stored. No condition reads it: it is true in every answer that is kept.
  const checked: Record<string, AnswerValue> = consent ? { [CONSENT_ID]: true } : {};
  for (const key of Object.keys(answers)) {
    if (key === CONSENT_ID) continue;
    const spec = specs.get(key);
    if (!spec) {
      issues.push({ path: key, code: "UNKNOWN_QUESTION" });
      continue;
    }
    const result = checkOne(spec, answers[key]);
    if (typeof result === "object" && result !== null)
      issues.push({ path: key, code: result.code });
    else if (result !== null) checked[key] = result;
  }
  const { answers: shown, hidden } = applyVisibility(snapshot, checked);
  for (const id of required) {
    if (hidden.has(id) || Object.hasOwn(shown, id)) continue;
    if (!issues.some((i) => i.path === id)) issues.push({ path: id, code: "REQUIRED" });
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, answers: shown };
}
