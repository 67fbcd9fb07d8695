import type { ItemBank } from "../surveys/bank";
import type { DraftCondition, DraftEntry } from "./schema";

/** A question asked so far, by id: the answer codes it offers (none for a text question). */
export type AskedCodes = Map<string, readonly number[]>;

/**
 * The answer codes of each question an entry asks: a bank item's scale points, a
 * module question's scale or choices, a custom question's choices or scale.
 */
export function codesOfEntry(bank: ItemBank, entry: DraftEntry): Array<[string, number[]]> {
  const pointsOf = (scale: string | undefined) =>
    (scale && Object.hasOwn(bank.scales, scale) ? bank.scales[scale]!.points : []).map(
      (p) => p.value,
    );
  if (entry.kind === "item") return [[entry.id, pointsOf(bank.items.get(entry.id)?.item.scale)]];
  if (entry.kind === "custom") {
    const q = entry.question;
    return [[q.id, q.choices?.map((c) => c.value) ?? pointsOf(q.scale)]];
  }
  return (bank.modules.get(entry.id)?.questions ?? []).map((q) => [
    q.id,
    q.choices?.map((c) => c.value) ?? pointsOf(q.scale),
  ]);
}

/**
 * What is wrong with each rule of a condition, by the rule's path: a question not
 * asked before this one (`conditionUnknown`, which also covers the question itself
 * and one that does not exist), or an answer that is not one of that question's
 * codes (`conditionAnswer`, which also covers a text question, which has none).
 */
export function conditionProblems(
  condition: DraftCondition,
  asked: AskedCodes,
  where: string,
): Array<{ path: string; code: string }> {
  return condition.rules.flatMap((rule, k) => {
    const path = `${where}.showIf.rules.${k}`;
    const codes = asked.get(rule.question);
    if (!codes) return [{ path, code: "conditionUnknown" }];
    if (!codes.includes(rule.value)) return [{ path, code: "conditionAnswer" }];
    return [];
  });
}
