import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { ConditionRule } from "../types";
import type { ConditionTarget } from "./condition-target";
import { answerLabel, inLocale, OP_WORDS } from "./condition-words";
import { useAppLocale } from "../../locale-context";

const OPS = ["=", "!=", ">", ">=", "<", "<="] as const;

interface Props {
  rule: ConditionRule;
  /** 1-based, for the labels of a condition with several rules. */
  number: number;
  earlier: string[];
  targetOf: (id: string) => ConditionTarget;
  onChange: (next: ConditionRule) => void;
  /** Set on the first rule: its question list starts with "Always", which drops the condition. */
  onAlways?: () => void;
  /** Set when the condition has other rules: this one can go. */
  onRemove?: () => void;
  /** The connective shown before this rule ("or", "and"), from the second rule on. */
  joiner?: string;
}

/** A rule on a new question starts on the question's first answer. */
export function ruleOn(question: string, targetOf: Props["targetOf"], from?: ConditionRule) {
  const first = targetOf(question).answers[0]?.value;
  return { question, op: from?.op ?? "=", value: first ?? from?.value ?? 1 } as ConditionRule;
}

/** One rule of a display condition: an earlier question, a comparison, an answer by its label. */
export function ConditionRuleRow({ rule, number, earlier, targetOf, onChange, ...props }: Props) {
  const { t } = useTranslation("workspace");
  const { locale } = useAppLocale();
  const ids = useId();
  const options = earlier.includes(rule.question) ? earlier : [rule.question, ...earlier];
  const answers = targetOf(rule.question).answers;
  // A second rule's controls say which rule they belong to, for screen readers.
  const of = (label: string) => (props.onRemove ? `${label} (${number})` : label);
  return (
    <li className="ws-condition__rule">
      {props.joiner ? <span className="ws-condition__joiner">{props.joiner}</span> : null}
      <label htmlFor={`${ids}-q`} className="visually-hidden">
        {of(t("designer.conditionQuestion"))}
      </label>
      <select
        id={`${ids}-q`}
        value={rule.question}
        onChange={(e) => {
          if (!e.target.value) return props.onAlways?.();
          onChange(ruleOn(e.target.value, targetOf, rule));
        }}
      >
        {props.onAlways ? <option value="">{t("designer.always")}</option> : null}
        {options.map((id) => (
          <option key={id} value={id}>
            {t("designer.showIf", {
              name: `${id} · ${inLocale(targetOf(id).text, locale).slice(0, 50)}`,
            })}
          </option>
        ))}
      </select>
      <label htmlFor={`${ids}-op`} className="visually-hidden">
        {of(t("designer.conditionOp"))}
      </label>
      <select
        id={`${ids}-op`}
        value={rule.op}
        onChange={(e) => onChange({ ...rule, op: e.target.value as ConditionRule["op"] })}
      >
        {OPS.map((op) => (
          <option key={op} value={op}>
            {t(`designer.opWords.${OP_WORDS[op]}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${ids}-v`} className="visually-hidden">
        {of(t("designer.conditionValue"))}
      </label>
      {answers.length > 0 ? (
        <select
          id={`${ids}-v`}
          value={rule.value}
          onChange={(e) => onChange({ ...rule, value: Number(e.target.value) })}
        >
          {answers.map((a) => (
            <option key={a.value} value={a.value}>
              {`${answerLabel(answers, a.value, locale)} (${a.value})`}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={`${ids}-v`}
          type="number"
          dir="ltr"
          className="ws-narrow"
          value={rule.value}
          onChange={(e) => onChange({ ...rule, value: Math.trunc(Number(e.target.value)) || 0 })}
        />
      )}
      {props.onRemove ? (
        <button type="button" className="ws-link-button ws-danger" onClick={props.onRemove}>
          {t("designer.removeRule", { number })}
        </button>
      ) : null}
    </li>
  );
}
