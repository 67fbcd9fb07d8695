import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useAppLocale } from "../locale-context";
import { MarginsCheckReport } from "./MarginsCheckReport";
import type { MarginSetList } from "./margins-types";
import { useMarginsUpload } from "./use-margins-upload";

interface Props {
  slug: string;
  waves: MarginSetList["waves"];
  /** Called after a version was stored, so the lists show it. */
  onSaved: () => void;
}

/** The file's header and a row of it: data a researcher copies, the same in every language. */
const MARGINS_HEADER = "source,year,variable,category,share";
const EXAMPLE_ROW = "CBS localities,2022,sex,1,0.48";

/**
 * Uploading a margins file: choose the CSV and what it applies to, read the
 * check (every problem by row, in the reader's language, or the shares it
 * holds), then save it as a new version. Nothing is stored before "save".
 */
export function MarginsUpload({ slug, waves, onSaved }: Props) {
  const { t } = useTranslation("margins");
  const { locale } = useAppLocale();
  const id = useId();
  const upload = useMarginsUpload(slug, onSaved);
  const { step } = upload;
  const busy = step.kind === "busy";
  return (
    <section className="margins-upload" aria-labelledby={`${id}-h`} data-testid="margins-upload">
      <h2 id={`${id}-h`}>{t("upload.title")}</h2>
      <p className="method-note">
        {t("upload.columns")}{" "}
        <bdi dir="ltr">
          <code>{MARGINS_HEADER}</code>
        </bdi>
      </p>
      <p className="method-note">{t("upload.rules")}</p>
      <p className="method-note">
        {t("upload.example")}{" "}
        <bdi dir="ltr">
          <code>{EXAMPLE_ROW}</code>
        </bdi>
      </p>
      <div className="margins-form">
        <label htmlFor={`${id}-file`}>{t("upload.fileLabel")}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          data-testid="margins-file"
          onChange={(e) => upload.chooseFile(e.currentTarget.files?.[0])}
        />
        <label htmlFor={`${id}-from`}>{t("upload.validFrom")}</label>
        <input
          id={`${id}-from`}
          type="date"
          value={upload.validFrom}
          onChange={(e) => upload.setValidFrom(e.currentTarget.value)}
        />
        <label htmlFor={`${id}-wave`}>{t("upload.pin")}</label>
        <select
          id={`${id}-wave`}
          value={upload.waveId}
          onChange={(e) => upload.setWaveId(e.currentTarget.value)}
        >
          <option value="">{t("upload.pinNone")}</option>
          {waves.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name[locale]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-cap`}>{t("upload.cap")}</label>
        <input
          id={`${id}-cap`}
          type="number"
          min="1.1"
          max="50"
          step="0.1"
          inputMode="decimal"
          value={upload.cap}
          onChange={(e) => upload.setCap(e.currentTarget.value)}
        />
      </div>
      <button
        type="button"
        className="button"
        disabled={!upload.csv || busy}
        onClick={upload.check}
        data-testid="margins-check"
      >
        {busy ? t("upload.checking") : t("upload.check")}
      </button>
      <div aria-live="polite">
        {step.kind === "failed" ? (
          <p className="notice notice--error" role="alert" data-testid="margins-error">
            {step.message}
          </p>
        ) : null}
        {step.kind === "saved" ? (
          <p className="notice" data-testid="margins-saved">
            {t("upload.saved", { version: step.version })}
          </p>
        ) : null}
        {step.kind === "checked" ? (
          <MarginsCheckReport check={step.check} onSave={upload.save} />
        ) : null}
      </div>
    </section>
  );
}
