import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** What GET /api/exports/jobs/:job answers. */
interface JobProgress {
  total: number;
  written: number;
  state: "running" | "done" | "failed";
}

/** How often the page asks; the server writes progress about once a second. */
const POLL_MS = 1000;

/**
 * The progress of one responses export the person started (its job id went
 * with the download): rows written of the total, polled until it is done or
 * failed. The download itself is the browser's; this only tells how far it is.
 */
export function ExportProgress({ job }: { job: string }) {
  const { t } = useTranslation("results");
  const [progress, setProgress] = useState<JobProgress | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const res = await fetch(`/api/exports/jobs/${encodeURIComponent(job)}`).catch(() => null);
      // Not found yet: the download has not reached the server; ask again.
      const body = res?.ok ? ((await res.json()) as JobProgress) : null;
      if (stopped) return;
      if (body) setProgress(body);
      if (!body || body.state === "running") timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [job]);
  if (!progress) return <p role="status">{t("exportStarting")}</p>;
  const text =
    progress.state === "done"
      ? t("exportDone", { total: progress.total })
      : progress.state === "failed"
        ? t("exportFailed")
        : t("exportProgress", { written: progress.written, total: progress.total });
  return (
    <p role="status" className="export-progress">
      <progress max={Math.max(progress.total, 1)} value={progress.written} /> {text}
    </p>
  );
}
