import { idSchema } from "../surveys/bank-schema";
import {
  CONDITION_OPS,
  MAX_CONDITION_RULES,
  type ConditionRule,
  type DraftCondition,
} from "./schema";

const WORD = { all: "and", any: "or" } as const;

/**
 * The SurveyJS expression of a structured condition: `{a} = 1 or {b} >= 3`. Only
 * ids (checked against the id pattern), a listed operator and whole numbers go in,
 * never a label or other text, so nothing a person typed can change the expression.
 * One connective per condition, so SurveyJS's precedence of and over or never
 * matters.
 */
export function visibleIfOf(condition: DraftCondition): string {
  return condition.rules
    .map((rule) => {
      if (
        !idSchema.safeParse(rule.question).success ||
        !(CONDITION_OPS as readonly string[]).includes(rule.op) ||
        !Number.isInteger(rule.value)
      )
        throw new Error(`Not a condition rule: ${JSON.stringify(rule)}`);
      return `{${rule.question}} ${rule.op} ${rule.value}`;
    })
    .join(` ${WORD[condition.join]} `);
}

const RULE = /^\s*\{([a-z][a-z0-9_]*)\}\s*(<=|>=|!=|=|<|>)\s*(-?\d+)\s*$/;

function parseRule(text: string): ConditionRule | undefined {
  const m = RULE.exec(text);
  if (!m) return undefined;
  return { question: m[1]!, op: m[2] as ConditionRule["op"], value: Number(m[3]) };
}

/**
 * A structured condition from a SurveyJS expression of the forms instruments use:
 * rules `{question} op number` joined by one of `and` / `or`; undefined for
 * anything else (brackets, mixed connectives, functions, more rules than a
 * designer condition may have).
 */
export function parseCondition(expression: string | undefined): DraftCondition | undefined {
  if (!expression) return undefined;
  const ands = expression.split(/\s+and\s+/i);
  const ors = expression.split(/\s+or\s+/i);
  if (ands.length > 1 && ors.length > 1) return undefined;
  const join = ors.length > 1 ? "any" : "all";
  const rules = (join === "any" ? ors : ands).map(parseRule);
  if (rules.length > MAX_CONDITION_RULES || rules.some((r) => r === undefined)) return undefined;
  return { join, rules: rules as ConditionRule[] };
}
