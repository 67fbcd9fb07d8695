import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { DraftCondition } from "../types";
import type { BankIndex } from "./labels";
import { useAppLocale } from "../../locale-context";

const OPS = ["=", "!=", ">", ">=", "<", "<="] as const;

interface Props {
  value: DraftCondition | undefined;
  earlier: string[];
  bank: BankIndex;
  onChange: (next: DraftCondition | undefined) => void;
}

/** "Show only if <earlier question> <op> <value>", or always. */
export function ConditionEditor({ value, earlier, bank, onChange }: Props) {
  const { t } = useTranslation("workspace");
  const { locale } = useAppLocale();
  const ids = useId();
  const options =
    value && !earlier.includes(value.question) ? [value.question, ...earlier] : earlier;
  return (
    <fieldset className="ws-condition">
      <legend>{t("designer.condition")}</legend>
      <label htmlFor={`${ids}-q`} className="visually-hidden">
        {t("designer.conditionQuestion")}
      </label>
      <select
        id={`${ids}-q`}
        value={value?.question ?? ""}
        onChange={(e) =>
          onChange(
            e.target.value
              ? { question: e.target.value, op: value?.op ?? "=", value: value?.value ?? 1 }
              : undefined,
          )
        }
      >
        <option value="">{t("designer.always")}</option>
        {options.map((id) => (
          <option key={id} value={id}>
            {t("designer.showIf", {
              name: `${id} · ${(bank.items.get(id)?.text[locale] ?? "").slice(0, 50)}`,
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
            dir="ltr"
            value={value.op}
            onChange={(e) => onChange({ ...value, op: e.target.value as DraftCondition["op"] })}
          >
            {OPS.map((op) => (
              <option key={op} value={op}>
                {op}
              </option>
            ))}
          </select>
          <label htmlFor={`${ids}-v`} className="visually-hidden">
            {t("designer.conditionValue")}
          </label>
          <input
            id={`${ids}-v`}
            type="number"
            dir="ltr"
            className="ws-narrow"
            value={value.value}
            onChange={(e) => onChange({ ...value, value: Math.trunc(Number(e.target.value)) || 0 })}
          />
        </>
      ) : null}
    </fieldset>
  );
}
