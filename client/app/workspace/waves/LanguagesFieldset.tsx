import { useId } from "react";
import { useTranslation } from "react-i18next";
import { RESPONDENT_LOCALES, type RespondentLocale } from "../../../shared/locale";
import { issuesAt } from "./api";
import { FieldErrors } from "./FieldErrors";
import type { SettingsPartProps } from "./SettingsField";

/**
 * The languages a wave offers residents (server/shared/wave-languages.ts): Hebrew is
 * always on and cannot be unticked; the rest keep the platform's order.
 */
export function LanguagesFieldset({ value: v, set, issues, disabled }: SettingsPartProps) {
  const { t } = useTranslation("ws-waves");
  const id = useId();
  const codes = issuesAt(issues, "languages");
  const toggle = (l: RespondentLocale, on: boolean) =>
    set({
      languages: RESPONDENT_LOCALES.filter((x) =>
        x === l ? on : x === "he" || v.languages.includes(x),
      ),
    });
  return (
    <fieldset
      className="wv-fieldset"
      aria-describedby={`${id}-hint${codes.length ? ` ${id}-err` : ""}`}
      data-testid="wave-languages"
    >
      <legend>{t("form.languages")}</legend>
      <p id={`${id}-hint`} className="ws-hint">
        {t("form.languagesHint")}
      </p>
      {RESPONDENT_LOCALES.map((l) => (
        <label key={l} className="ws-check wv-channel">
          <input
            type="checkbox"
            disabled={disabled || l === "he"}
            checked={l === "he" || v.languages.includes(l)}
            onChange={(e) => toggle(l, e.target.checked)}
            data-testid={`language-${l}`}
          />
          <span>{t(`workspace:lang.${l}`)}</span>
        </label>
      ))}
      <FieldErrors id={`${id}-err`} codes={codes} />
    </fieldset>
  );
}
