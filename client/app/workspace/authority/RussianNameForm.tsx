import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, patchJson } from "../../../shared/api";

type Status = { kind: "idle" | "saving" | "saved" } | { kind: "failed"; error: unknown };

/**
 * An authority's name in Russian, which residents reading Russian see on the
 * survey, the kiosk, the public page and the statement (the Hebrew name when
 * empty). The field itself is Russian text: lang="ru", left to right.
 */
export function RussianNameForm({ slug, initial }: { slug: string; initial: string | null }) {
  const { t } = useTranslation("ws-calendar");
  const id = useId();
  const [value, setValue] = useState(initial ?? "");
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus({ kind: "saving" });
    try {
      const name = value.trim();
      await patchJson(`/api/authorities/${slug}`, { russianName: name === "" ? null : name });
      setStatus({ kind: "saved" });
    } catch (error) {
      setStatus({ kind: "failed", error });
    }
  };

  return (
    <form noValidate onSubmit={(e) => void onSubmit(e)} data-testid={`russian-name-${slug}`}>
      <div className="ws-loc__field">
        <label htmlFor={`${id}-ru`}>{t("russianName.label")}</label>
        <input
          id={`${id}-ru`}
          lang="ru"
          dir="ltr"
          maxLength={120}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-describedby={`${id}-hint`}
        />
        <p id={`${id}-hint`} className="ws-hint">
          {t("russianName.hint")}
        </p>
      </div>
      <div className="ws-a11y-contact__actions">
        <button type="submit" className="button" disabled={status.kind === "saving"}>
          {t("russianName.save")}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {status.kind === "saved" ? <p>{t("russianName.saved")}</p> : null}
      </div>
      {status.kind === "failed" ? (
        <p role="alert" className="notice notice--error">
          {errorMessage(status.error, t)}
        </p>
      ) : null}
    </form>
  );
}
