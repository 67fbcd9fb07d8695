import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { ConditionRule, DraftCondition } from "../types";
import type { ConditionTarget } from "./condition-target";
import { conditionInWords, inLocale } from "./condition-words";
import { ConditionRuleRow, ruleOn } from "./ConditionRuleRow";
import { useAppLocale } from "../../locale-context";

/** The server's limit (MAX_CONDITION_RULES in server/bank/schema.ts). */
const MAX_RULES = 5;

interface Props {
  value: DraftCondition | undefined;
  earlier: string[];
  targetOf: (id: string) => ConditionTarget;
  onChange: (next: DraftCondition | undefined) => void;
}

/**
 * "Show only if" rules on earlier questions, joined by "all of" or "any of", or
 * always. Each rule's answer is picked from the question's own answer labels
 * where it has them, and the whole condition is said again in words, in the
 * page's language.
 */
export function ConditionEditor({ value, earlier, targetOf, onChange }: Props) {
  const { t } = useTranslation("workspace");
  const { locale } = useAppLocale();
  const ids = useId();
  if (!value) {
    return (
      <fieldset className="ws-condition">
        <legend>{t("designer.condition")}</legend>
        <ol className="ws-condition__rules">
          <li className="ws-condition__rule">
            <label htmlFor={`${ids}-q`} className="visually-hidden">
              {t("designer.conditionQuestion")}
            </label>
            <select
              id={`${ids}-q`}
              value=""
              onChange={(e) =>
                e.target.value &&
                onChange({ join: "all", rules: [ruleOn(e.target.value, targetOf)] })
              }
            >
              <option value="">{t("designer.always")}</option>
              {earlier.map((id) => (
                <option key={id} value={id}>
                  {t("designer.showIf", {
                    name: `${id} · ${inLocale(targetOf(id).text, locale).slice(0, 50)}`,
                  })}
                </option>
              ))}
            </select>
          </li>
        </ol>
      </fieldset>
    );
  }
  const rules = value.rules;
  const setRules = (next: ConditionRule[]) =>
    onChange(next.length === 0 ? undefined : { ...value, rules: next });
  // A new rule names the first earlier question no rule names yet.
  const unused = earlier.find((id) => !rules.some((r) => r.question === id)) ?? earlier[0];
  return (
    <fieldset className="ws-condition">
      <legend>{t("designer.condition")}</legend>
      {rules.length > 1 ? (
        <>
          <label htmlFor={`${ids}-join`} className="visually-hidden">
            {t("designer.conditionJoin")}
          </label>
          <select
            id={`${ids}-join`}
            value={value.join}
            onChange={(e) => onChange({ ...value, join: e.target.value as DraftCondition["join"] })}
          >
            <option value="all">{t("designer.joinAll")}</option>
            <option value="any">{t("designer.joinAny")}</option>
          </select>
        </>
      ) : null}
      <ol className="ws-condition__rules">
        {rules.map((rule, k) => (
          <ConditionRuleRow
            // Rules have no id of their own; the position is what the researcher sees.
            key={k}
            rule={rule}
            number={k + 1}
            earlier={earlier}
            targetOf={targetOf}
            onChange={(next) => setRules(rules.map((r, j) => (j === k ? next : r)))}
            onAlways={k === 0 ? () => onChange(undefined) : undefined}
            onRemove={
              rules.length > 1 ? () => setRules(rules.filter((_, j) => j !== k)) : undefined
            }
            joiner={k > 0 ? t(`designer.joinWord.${value.join}`) : undefined}
          />
        ))}
      </ol>
      {rules.length < MAX_RULES && unused ? (
        <button
          type="button"
          className="ws-link-button"
          onClick={() => setRules([...rules, ruleOn(unused, targetOf)])}
        >
          {t("designer.addRule")}
        </button>
      ) : null}
      <p className="ws-condition__words" data-testid="condition-words">
        {conditionInWords(t, value, targetOf, locale)}
      </p>
    </fieldset>
  );
}
