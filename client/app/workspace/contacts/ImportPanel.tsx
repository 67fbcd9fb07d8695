import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, getJson, postJson } from "../../../shared/api";
import { fileToBase64, waveApi, type CheckReport, type ContactImportView } from "./api";
import { useAppLocale } from "../../locale-context";

interface Props {
  slug: string;
  waveId: string;
  /** Called when an import finished, so the list shows the new contacts. */
  onImported: () => void;
}

type Step =
  | { kind: "idle" }
  | { kind: "checking" }
  | { kind: "checked"; report: CheckReport }
  | { kind: "importing"; job: ContactImportView }
  | { kind: "done"; job: ContactImportView }
  | { kind: "failed"; message: string };

const POLL_MS = 500;
/** Rows of the report shown on screen; the counts always cover the whole file. */
const SHOWN = 50;

/**
 * Importing a contacts file: choose it, read the pre-flight report (valid,
 * rejected rows with their reasons, duplicates), confirm, and follow the import
 * on a progress bar until it is done.
 */
export function ImportPanel({ slug, waveId, onImported }: Props) {
  const { t } = useTranslation("ws-contacts");
  const { locale } = useAppLocale();
  const inputId = useId();
  const helpId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const content = useRef<string | null>(null);
  const base = waveApi(slug, waveId);

  const check = async () => {
    if (!file) return;
    setStep({ kind: "checking" });
    try {
      content.current = await fileToBase64(file);
      const report = await postJson<CheckReport>(`${base}/contact-imports/check?lang=${locale}`, {
        filename: safeName(file.name),
        content: content.current,
      });
      setStep({ kind: "checked", report });
    } catch (err) {
      setStep({ kind: "failed", message: errorMessage(err, t) });
    }
  };

  const start = async () => {
    if (!file || !content.current) return;
    try {
      const job = await postJson<ContactImportView>(`${base}/contact-imports?lang=${locale}`, {
        filename: safeName(file.name),
        content: content.current,
      });
      setStep({ kind: job.status === "processing" ? "importing" : "done", job });
    } catch (err) {
      setStep({ kind: "failed", message: errorMessage(err, t) });
    }
  };

  const jobId = step.kind === "importing" ? step.job.id : null;
  useEffect(() => {
    if (!jobId) return;
    let stop = false;
    const poll = async () => {
      try {
        const job = await getJson<ContactImportView>(
          `${base}/contact-imports/${jobId}?lang=${locale}`,
        );
        if (stop) return;
        if (job.status === "processing") {
          setStep({ kind: "importing", job });
          timer = window.setTimeout(() => void poll(), POLL_MS);
        } else {
          setStep({ kind: "done", job });
          onImported();
        }
      } catch {
        // A lost poll is retried: the import itself goes on on the server.
        if (!stop) timer = window.setTimeout(() => void poll(), POLL_MS * 4);
      }
    };
    let timer = window.setTimeout(() => void poll(), POLL_MS);
    return () => {
      stop = true;
      window.clearTimeout(timer);
    };
  }, [jobId, base, locale, onImported]);

  const reset = () => {
    setFile(null);
    content.current = null;
    setStep({ kind: "idle" });
  };

  const busy = step.kind === "checking" || step.kind === "importing";
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
          onChange={(e) => {
            setFile(e.currentTarget.files?.[0] ?? null);
            setStep({ kind: "idle" });
          }}
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
          <Report report={step.report} onImport={() => void start()} onCancel={reset} />
        ) : null}
        {step.kind === "importing" || step.kind === "done" ? (
          <Progress job={step.job} onAnother={reset} />
        ) : null}
      </div>
    </section>
  );
}

/** File names the server accepts: letters, digits, spaces and ._()- only. */
function safeName(name: string): string {
  const clean = name.replace(/[^\p{L}\p{N} ._()-]/gu, "_").slice(0, 200);
  return clean || "contacts";
}

function Report(props: { report: CheckReport; onImport: () => void; onCancel: () => void }) {
  const { t } = useTranslation("ws-contacts");
  const { report } = props;
  const languages = Object.entries(report.byLocale)
    .map(([l, n]) => t("report.languageCount", { language: t(`languages.${l}`), count: n }))
    .join(" · ");
  return (
    <div className="ct-report" data-testid="contacts-report">
      <h4>{t("report.title")}</h4>
      <ul className="ct-figures">
        <li data-testid="report-total">{t("report.total", { count: report.total })}</li>
        <li data-testid="report-valid" className="ct-ok">
          {t("report.valid", { count: report.valid })}
        </li>
        <li data-testid="report-invalid" className={report.invalid.length ? "ct-bad" : undefined}>
          {t("report.invalid", { count: report.invalid.length })}
        </li>
        <li data-testid="report-duplicates">
          {t("report.duplicates", { count: report.duplicates.length })}
        </li>
      </ul>
      {languages ? <p className="ws-small">{languages}</p> : null}
      {report.ignored.length > 0 ? (
        // A column the import will not read must not pass unnoticed (an opt-out list, say).
        <p className="notice" data-testid="report-ignored">
          {t("report.ignored", { columns: report.ignored.map((c) => `“${c}”`).join(", ") })}
        </p>
      ) : null}
      {report.invalid.length > 0 ? (
        <div className="ws-table-wrap">
          <table className="ws-table ct-issues" data-testid="report-invalid-rows">
            <caption>{t("report.invalidCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("report.line")}</th>
                <th scope="col">{t("report.reason")}</th>
                <th scope="col">{t("report.value")}</th>
              </tr>
            </thead>
            <tbody>
              {report.invalid.slice(0, SHOWN).map((r) => (
                <tr key={r.line}>
                  <td>{r.line}</td>
                  <td>{t(`reasons.${r.reason}`, { defaultValue: r.reason })}</td>
                  <td>
                    <bdi dir="ltr">{r.value}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {report.warnings.length > 0 ? (
        <div className="ws-table-wrap">
          <table className="ws-table ct-issues" data-testid="report-warning-rows">
            <caption>{t("report.warningsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("report.line")}</th>
                <th scope="col">{t("report.reason")}</th>
                <th scope="col">{t("report.value")}</th>
              </tr>
            </thead>
            <tbody>
              {report.warnings.slice(0, SHOWN).map((r) => (
                <tr key={r.line}>
                  <td>{r.line}</td>
                  <td>{t(`warnings.${r.reason}`)}</td>
                  <td>
                    <bdi>{r.value}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {report.duplicates.length > 0 ? (
        <ul className="ct-dups ws-small" data-testid="report-duplicate-rows">
          {report.duplicates.slice(0, SHOWN).map((d) => (
            <li key={d.line}>{t("report.duplicateOf", { line: d.line, first: d.firstLine })}</li>
          ))}
        </ul>
      ) : null}
      <div className="ws-row">
        <button
          type="button"
          className="button"
          disabled={report.valid === 0}
          onClick={props.onImport}
          data-testid="contacts-import-confirm"
        >
          {t("report.import", { count: report.valid })}
        </button>
        <button type="button" className="button button--secondary" onClick={props.onCancel}>
          {t("report.another")}
        </button>
      </div>
    </div>
  );
}

function Progress({ job, onAnother }: { job: ContactImportView; onAnother: () => void }) {
  const { t } = useTranslation("ws-contacts");
  const done = job.status !== "processing";
  const label =
    job.status === "failed"
      ? t("progress.failed")
      : done
        ? t("progress.done")
        : t("progress.running", { processed: job.processed, total: job.total });
  return (
    <div className="ct-progress" data-testid="contacts-progress" data-status={job.status}>
      <label className="ct-progress__label">
        <span role="status">{label}</span>
        <progress
          max={Math.max(job.total, 1)}
          value={done ? Math.max(job.total, 1) : job.processed}
        >
          {job.processed}
        </progress>
      </label>
      {job.status === "done" ? (
        <ul className="ct-figures" data-testid="contacts-import-summary">
          <li>{t("progress.created", { count: job.created })}</li>
          <li>{t("progress.existing", { count: job.existing })}</li>
          <li>{t("progress.invited", { count: job.invited })}</li>
          {job.optedOut > 0 ? <li>{t("progress.optedOut", { count: job.optedOut })}</li> : null}
        </ul>
      ) : null}
      {done ? (
        <button type="button" className="button button--secondary" onClick={onAnother}>
          {t("progress.another")}
        </button>
      ) : null}
    </div>
  );
}
