import { useId } from "react";
import { useTranslation } from "react-i18next";
import { ImportProgress } from "./ImportProgress";
import { ImportReport } from "./ImportReport";
import { useContactImport } from "./use-contact-import";

interface Props {
  slug: string;
  waveId: string;
  /** Called when an import finished, so the list shows the new contacts. */
  onImported: () => void;
}

/**
 * Importing a contacts file: choose it, read the pre-flight report (valid,
 * rejected rows with their reasons, duplicates), confirm, and follow the import
 * on a progress bar until it is done.
 */
export function ImportPanel({ slug, waveId, onImported }: Props) {
  const { t } = useTranslation("ws-contacts");
  const inputId = useId();
  const helpId = useId();
  const { file, step, busy, choose, check, start, reset } = useContactImport(
    slug,
    waveId,
    onImported,
  );

  return (
    <section className="ct-panel" aria-labelledby={`${inputId}-h`} data-testid="contacts-import">
      <h3 id={`${inputId}-h`}>{t("import.title")}</h3>
      <div className="ct-file">
        <label htmlFor={inputId}>{t("import.fileLabel")}</label>
        <p id={helpId} className="ws-muted ws-small">
          {t("import.columns")}
        </p>
        <input
          id={inputId}
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby={helpId}
          disabled={busy}
          data-testid="contacts-file"
          onChange={(e) => choose(e.currentTarget.files?.[0] ?? null)}
        />
        <div className="ws-row">
          <button
            type="button"
            className="button"
            disabled={!file || busy}
            onClick={() => void check()}
            data-testid="contacts-check"
          >
            {step.kind === "checking" ? t("import.checking") : t("import.check")}
          </button>
        </div>
      </div>

      <div aria-live="polite">
        {step.kind === "failed" ? (
          <div className="notice notice--error" role="alert" data-testid="contacts-import-error">
            <p>{step.message}</p>
          </div>
        ) : null}
        {step.kind === "checked" ? (
          <ImportReport report={step.report} onImport={() => void start()} onCancel={reset} />
        ) : null}
        {step.kind === "importing" || step.kind === "done" ? (
          <ImportProgress job={step.job} onAnother={reset} />
        ) : null}
      </div>
    </section>
  );
}
