import { useId } from "react";
import { useTranslation } from "react-i18next";

type Kind = "baseline" | "follow-up";

/** Whether the new waves are a baseline or a follow-up. */
export function WaveKindField({ kind, onChange }: { kind: Kind; onChange: (kind: Kind) => void }) {
  const { t } = useTranslation("ws-waves");
  const id = useId();
  return (
    <fieldset className="wv-fieldset">
      <legend>{t("form.kind")}</legend>
      <div className="wv-row">
        {(["baseline", "follow-up"] as const).map((k) => (
          <label key={k} className="ws-check">
            <input
              type="radio"
              name={`${id}-kind`}
              value={k}
              checked={kind === k}
              onChange={() => onChange(k)}
              data-testid={`kind-${k}`}
            />
            <span>{t(`kind.${k}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
