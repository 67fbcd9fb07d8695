import type { Locale } from "../../../shared/locale";
import type { DraftContent } from "../types";
import type { BankIndex } from "./labels";

/** An answer a condition can name: its code and its label per language. */
export interface AnswerOption {
  value: number;
  label: Partial<Record<Locale, string>>;
}

/** What a condition refers to: the question's wording and, where known, its answers. */
export interface ConditionTarget {
  text: Partial<Record<Locale, string>>;
  answers: AnswerOption[];
}

/**
 * The wording and answer options of a question a condition may name: a bank
 * item's scale points, a custom question's own options or scale, or a module
 * question's answers as the bank view lists them. A free-text question has none,
 * and the designer falls back to a code.
 */
export function conditionTarget(
  content: DraftContent,
  bank: BankIndex,
  id: string,
): ConditionTarget {
  const pointsOf = (scale: string | undefined) =>
    bank.scales.find((s) => s.id === scale)?.points ?? [];
  const item = bank.items.get(id);
  if (item) return { text: item.text, answers: pointsOf(item.scale) };
  for (const page of content.pages)
    for (const entry of page.entries) {
      if (entry.kind !== "custom" || entry.question.id !== id) continue;
      const q = entry.question;
      return { text: q.text, answers: q.choices ?? pointsOf(q.scale) };
    }
  for (const m of bank.modules.values()) {
    const q = m.questions.find((x) => x.id === id);
    if (q) return { text: q.text, answers: q.answers };
  }
  return { text: {}, answers: [] };
}
