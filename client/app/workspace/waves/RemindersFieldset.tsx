import { useId } from "react";
import { useTranslation } from "react-i18next";
import { issuesAt } from "./api";
import { FieldErrors } from "./FieldErrors";
import type { SettingsDraft } from "./settings";
import type { SettingsPartProps } from "./SettingsField";

/** The SMS reminders: after how many days each one goes to those who have not answered. */
export function RemindersFieldset({ value: v, set, issues, disabled }: SettingsPartProps) {
  const { t } = useTranslation("ws-waves");
  const id = useId();
  return (
    <fieldset className="wv-fieldset wv-inner">
      <legend>{t("form.reminders")}</legend>
      <p className="ws-hint" id={`${id}-rem-hint`}>
        {t("form.remindersHint")}
      </p>
      <div className="wv-row">
        {v.reminderDays.map((day, i) => (
          <div key={i} className="wv-field">
            <label htmlFor={`${id}-rem-${i}`}>{t("form.reminderN", { n: i + 1 })}</label>
            <input
              id={`${id}-rem-${i}`}
              type="number"
              inputMode="numeric"
              min={1}
              max={60}
              className="ws-narrow"
              disabled={disabled}
              value={day}
              aria-describedby={`${id}-rem-hint`}
              onChange={(e) => {
                const next = [...v.reminderDays] as SettingsDraft["reminderDays"];
                next[i] = e.target.value;
                set({ reminderDays: next });
              }}
              data-testid={`reminder-${i}`}
            />
          </div>
        ))}
      </div>
      <FieldErrors id={`${id}-rem-err`} codes={issuesAt(issues, "reminderDays")} />
    </fieldset>
  );
}
