import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../../../shared/locale";
import type { DraftCondition } from "../types";
import type { AnswerOption, ConditionTarget } from "./condition-target";
import { useAppLocale } from "../../locale-context";

const OPS = ["=", "!=", ">", ">=", "<", "<="] as const;
/** The key of each comparison's words in the locales. */
const OP_WORDS = { "=": "eq", "!=": "ne", ">": "gt", ">=": "ge", "<": "lt", "<=": "le" } as const;

interface Props {
  value: DraftCondition | undefined;
  earlier: string[];
  targetOf: (id: string) => ConditionTarget;
  onChange: (next: DraftCondition | undefined) => void;
}

const inLocale = (text: Partial<Record<Locale, string>>, locale: Locale) =>
  text[locale] || text.he || text.en || text.ar || "";

function answerLabel(answers: AnswerOption[], value: number, locale: Locale): string {
  const label = inLocale(answers.find((a) => a.value === value)?.label ?? {}, locale);
  return label || String(value);
}

/**
 * "Show only if <earlier question> <comparison> <answer>", or always. The
 * answer is picked from the question's own answer labels where it has them,
 * and the whole condition is said again in words, in the page's language.
 */
export function ConditionEditor({ value, earlier, targetOf, onChange }: Props) {
  const { t } = useTranslation("workspace");
  const { locale } = useAppLocale();
  const ids = useId();
  const options =
    value && !earlier.includes(value.question) ? [value.question, ...earlier] : earlier;
  const target = value ? targetOf(value.question) : null;
  const answers = target?.answers ?? [];
  return (
    <fieldset className="ws-condition">
      <legend>{t("designer.condition")}</legend>
      <label htmlFor={`${ids}-q`} className="visually-hidden">
        {t("designer.conditionQuestion")}
      </label>
      <select
        id={`${ids}-q`}
        value={value?.question ?? ""}
        onChange={(e) => {
          const question = e.target.value;
          if (!question) return onChange(undefined);
          const first = targetOf(question).answers[0]?.value;
          onChange({ question, op: value?.op ?? "=", value: first ?? value?.value ?? 1 });
        }}
      >
        <option value="">{t("designer.always")}</option>
        {options.map((id) => (
          <option key={id} value={id}>
            {t("designer.showIf", {
              name: `${id} · ${inLocale(targetOf(id).text, locale).slice(0, 50)}`,
            })}
          </option>
        ))}
      </select>
      {value ? (
        <>
          <label htmlFor={`${ids}-op`} className="visually-hidden">
            {t("designer.conditionOp")}
          </label>
          <select
            id={`${ids}-op`}
            value={value.op}
            onChange={(e) => onChange({ ...value, op: e.target.value as DraftCondition["op"] })}
          >
            {OPS.map((op) => (
              <option key={op} value={op}>
                {t(`designer.opWords.${OP_WORDS[op]}`)}
              </option>
            ))}
          </select>
          <label htmlFor={`${ids}-v`} className="visually-hidden">
            {t("designer.conditionValue")}
          </label>
          {answers.length > 0 ? (
            <select
              id={`${ids}-v`}
              value={value.value}
              onChange={(e) => onChange({ ...value, value: Number(e.target.value) })}
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
              value={value.value}
              onChange={(e) =>
                onChange({ ...value, value: Math.trunc(Number(e.target.value)) || 0 })
              }
            />
          )}
          <p className="ws-condition__words" data-testid="condition-words">
            {t("designer.conditionWords", {
              question: inLocale(target!.text, locale).slice(0, 80) || value.question,
              op: t(`designer.opWords.${OP_WORDS[value.op]}`),
              answer: answerLabel(answers, value.value, locale),
            })}
          </p>
        </>
      ) : null}
    </fieldset>
  );
}
