import { parseCondition } from "../bank/condition-expression";
import type { Locale } from "../shared/locales";
import { codebookWords } from "./codebook-words";
import type { InstrumentSnapshot } from "./snapshot";

type Item = InstrumentSnapshot["pages"][number]["items"][number];

const OP_KEYS: Record<string, string> = {
  "=": "eq",
  "!=": "ne",
  ">": "gt",
  ">=": "ge",
  "<": "lt",
  "<=": "le",
};

/**
 * A question's display condition in words for the codebook, in its language,
 * each answer code with its label in that language: `vol_frequency is above
 * “Never” (1)`, the rules joined by "and" or "or"; undefined for an expression
 * the designer cannot build. Variable names and codes stay as they are.
 */
export function conditionInWords(
  snapshot: InstrumentSnapshot,
  visibleIf: string,
  locale: Locale = "en",
): string | undefined {
  const condition = parseCondition(visibleIf);
  if (!condition) return undefined;
  const t = codebookWords(locale);
  const items = new Map<string, Item>(
    snapshot.pages.flatMap((p) => p.items.map((i) => [i.id, i] as const)),
  );
  const rules = condition.rules.map((rule) => {
    const label = items.get(rule.question)?.scale?.points.find((p) => p.value === rule.value)
      ?.label[locale];
    const answer = label ? t("answer", { label, code: rule.value }) : String(rule.value);
    return t(`rule.${OP_KEYS[rule.op]}`, { variable: rule.question, answer });
  });
  return rules.join(` ${t(`join.${condition.join}`)} `);
}
