import { parseCondition } from "../bank/condition-expression";
import type { InstrumentSnapshot } from "./snapshot";

type Item = InstrumentSnapshot["pages"][number]["items"][number];

const OP_WORDS: Record<string, string> = {
  "=": "is",
  "!=": "is not",
  ">": "is above",
  ">=": "is at least",
  "<": "is below",
  "<=": "is at most",
};

/**
 * A question's display condition in English words for the codebook, each answer
 * code with its label: `vol_frequency is above “Never” (1)`, the rules joined by
 * "and" or "or"; undefined for an expression the designer cannot build.
 */
export function conditionInWords(
  snapshot: InstrumentSnapshot,
  visibleIf: string,
): string | undefined {
  const condition = parseCondition(visibleIf);
  if (!condition) return undefined;
  const items = new Map<string, Item>(
    snapshot.pages.flatMap((p) => p.items.map((i) => [i.id, i] as const)),
  );
  const rules = condition.rules.map((rule) => {
    const label = items.get(rule.question)?.scale?.points.find((p) => p.value === rule.value)
      ?.label.en;
    const answer = label ? `“${label}” (${rule.value})` : String(rule.value);
    return `${rule.question} ${OP_WORDS[rule.op]} ${answer}`;
  });
  return rules.join(condition.join === "all" ? " and " : " or ");
}
