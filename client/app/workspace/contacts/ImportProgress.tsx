import { useTranslation } from "react-i18next";
import type { ContactImportView } from "./api";

/** A running import on a progress bar, and its summary once it has ended. */
export function ImportProgress({
  job,
  onAnother,
}: {
  job: ContactImportView;
  onAnother: () => void;
}) {
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
