import type { DraftContent, DraftEntry } from "../types";
import { askedIds, type BankIndex } from "./labels";

/** A question id as the server's schema takes it (server/bank/schema.ts: idSchema, max 60). */
const ID_PATTERN = /^[a-z][a-z0-9_]{0,59}$/;

/** Why a custom question cannot take a new id: its form, or another question has it. */
export type IdProblem = "idPattern" | "idTaken";

/**
 * Checks a new id for a custom question: lowercase letters, digits and
 * underscores, starting with a letter; not the id of any other question the
 * draft asks (modules' questions included) nor of a bank item, since the id is
 * the variable name in every export and must stay unique.
 */
export function checkQuestionId(
  content: DraftContent,
  bank: BankIndex,
  currentId: string,
  nextId: string,
): IdProblem | null {
  if (!ID_PATTERN.test(nextId)) return "idPattern";
  if (nextId === currentId) return null;
  // "consent" is the survey's own consent question (server/surveys/bank.ts, CONSENT_ID).
  if (nextId === "consent" || bank.items.has(nextId) || askedIds(content, bank).includes(nextId))
    return "idTaken";
  return null;
}

/**
 * The draft with a custom question renamed, and every condition that named it
 * following it, so no "show only if" is left pointing at an id that is gone.
 */
export function renameQuestion(content: DraftContent, from: string, to: string): DraftContent {
  const follow = (e: DraftEntry): DraftEntry => {
    let next = e;
    if (next.kind === "custom" && next.question.id === from)
      next = { ...next, question: { ...next.question, id: to } };
    if (next.kind !== "module" && next.showIf?.rules.some((r) => r.question === from)) {
      const rules = next.showIf.rules.map((r) =>
        r.question === from ? { ...r, question: to } : r,
      );
      next = { ...next, showIf: { ...next.showIf, rules } };
    }
    return next;
  };
  return {
    ...content,
    pages: content.pages.map((p) => ({ ...p, entries: p.entries.map(follow) })),
  };
}
