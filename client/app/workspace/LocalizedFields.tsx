import { useId } from "react";
import { useTranslation } from "react-i18next";
import { LOCALES } from "../../shared/locale";
import type { DraftText } from "./types";

interface Props {
  /** What the text is, e.g. "Page title"; each field's label adds its language. */
  label: string;
  value: DraftText;
  onChange: (next: DraftText) => void;
  multiline?: boolean;
  /** Languages to mark as needing attention (missing or stale). */
  flagged?: ReadonlySet<string>;
}

/** One text in Hebrew, Arabic and English side by side, each in its own direction. */
export function LocalizedFields({ label, value, onChange, multiline, flagged }: Props) {
  const { t } = useTranslation("workspace");
  const ids = useId();
  return (
    <fieldset className="ws-loc">
      <legend>{label}</legend>
      {LOCALES.map((l) => {
        const id = `${ids}-${l}`;
        const common = {
          id,
          lang: l,
          dir: l === "en" ? ("ltr" as const) : ("rtl" as const),
          value: value[l],
          "aria-invalid": value[l].trim() === "" ? true : undefined,
          className: flagged?.has(l) ? "ws-flagged" : undefined,
        };
        return (
          <div key={l} className="ws-loc__field">
            <label htmlFor={id}>
              {t(`lang.${l}`)}
              {value[l].trim() === "" ? (
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
