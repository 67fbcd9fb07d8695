import type { TFunction } from "i18next";
import type { Locale } from "../../../shared/locale";
import type { ConditionRule, DraftCondition } from "../types";
import type { AnswerOption, ConditionTarget } from "./condition-target";

/** The key of each comparison's words in the locales. */
export const OP_WORDS = {
  "=": "eq",
  "!=": "ne",
  ">": "gt",
  ">=": "ge",
  "<": "lt",
  "<=": "le",
} as const;

/** A text in the page's language, else the first language that has it. */
export const inLocale = (text: Partial<Record<Locale, string>>, locale: Locale) =>
  text[locale] || text.he || text.en || text.ar || "";

/** An answer's label in the page's language, or its code where it has no label. */
export function answerLabel(answers: AnswerOption[], value: number, locale: Locale): string {
  const label = inLocale(answers.find((a) => a.value === value)?.label ?? {}, locale);
  return label || String(value);
}

/**
 * The whole condition as one sentence in the page's language: one rule as
 * "Asked only of residents whose answer to “…” is at least “…”", several as
 * "… all (or at least one) of these hold: rule; rule". Labels, never codes,
 * except where a question has no answer list.
 */
export function conditionInWords(
  t: TFunction<"workspace">,
  condition: DraftCondition,
  targetOf: (id: string) => ConditionTarget,
  locale: Locale,
): string {
  const parts = (rule: ConditionRule) => {
    const target = targetOf(rule.question);
    return {
      question: inLocale(target.text, locale).slice(0, 80) || rule.question,
      op: t(`designer.opWords.${OP_WORDS[rule.op]}`),
      answer: answerLabel(target.answers, rule.value, locale),
    };
  };
  const [only] = condition.rules;
  if (condition.rules.length === 1 && only) return t("designer.conditionWords", parts(only));
  const rules = condition.rules
    .map((rule) => t("designer.conditionRuleWords", parts(rule)))
    .join(t("designer.conditionRuleSeparator"));
  return condition.join === "all"
    ? t("designer.conditionWordsAll", { rules })
    : t("designer.conditionWordsAny", { rules });
}

/** The first problem the server found in an entry's condition rules (`<at>.showIf.rules.<k>`). */
export function conditionProblem(problems: Map<string, string>, at: string): string | undefined {
  for (const [path, code] of problems) if (path.startsWith(`${at}.showIf.`)) return code;
  return undefined;
}
