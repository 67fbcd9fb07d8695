import { useId } from "react";
import { useTranslation } from "react-i18next";
import { LOCALES, dirOf, type RespondentLocale } from "../../shared/locale";
import type { DraftText } from "./types";

/**
 * Russian is a language residents answer in, not one the workspace speaks: its
 * field is named in Russian itself, in every workspace language.
 */
export const RUSSIAN_NAME = "Русский";

interface Props {
  /** What the text is, e.g. "Page title"; each field's label adds its language. */
  label: string;
  value: DraftText;
  onChange: (next: DraftText) => void;
  multiline?: boolean;
  /** Languages to mark as needing attention (missing or stale). */
  flagged?: ReadonlySet<string>;
  /** A text residents read: it has a Russian field too. */
  russian?: boolean;
}

/** One text in Hebrew, Arabic and English (and Russian) side by side, each in its own direction. */
export function LocalizedFields({ label, value, onChange, multiline, flagged, russian }: Props) {
  const { t } = useTranslation("workspace");
  const ids = useId();
  const locales: readonly RespondentLocale[] = russian ? [...LOCALES, "ru"] : LOCALES;
  return (
    <fieldset className="ws-loc">
      <legend>{label}</legend>
      {locales.map((l) => {
        const id = `${ids}-${l}`;
        const text = value[l] ?? "";
        const common = {
          id,
          lang: l,
          dir: dirOf(l),
          value: text,
          "aria-invalid": text.trim() === "" ? true : undefined,
          className: flagged?.has(l) ? "ws-flagged" : undefined,
        };
        return (
          <div key={l} className="ws-loc__field">
            <label htmlFor={id}>
              {l === "ru" ? <span lang="ru">{RUSSIAN_NAME}</span> : t(`lang.${l}`)}
              {text.trim() === "" ? (
                <span className="ws-warn"> · {t("translations.missing")}</span>
              ) : null}
            </label>
            {multiline ? (
              <textarea
                {...common}
                rows={3}
                onChange={(e) => onChange({ ...value, [l]: e.target.value })}
              />
            ) : (
              <input {...common} onChange={(e) => onChange({ ...value, [l]: e.target.value })} />
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
