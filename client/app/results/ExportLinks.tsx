import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAppLocale } from "../locale-context";
import { useJson } from "../use-json";
import { analystAccessUrl, type AnalystAccess } from "./AnalystResponsesAccess";
import { ExportProgress } from "./ExportProgress";

interface Props {
  slug: string;
  /** Responses and codebook too: only for the roles allowed response-level data. */
  responseLevel: boolean;
  /** An analyst: the responses too when a researcher allowed this authority's analysts. */
  analyst?: boolean;
}

/** Download links of the exports: the results table, and responses where the role allows. */
export function ExportLinks({ slug, responseLevel, analyst = false }: Props) {
  const { t } = useTranslation("results");
  const { locale } = useAppLocale();
  const [access] = useJson<AnalystAccess>(analyst ? analystAccessUrl(slug) : null);
  const allowed = analyst && access.kind === "ready" && access.data.allowed;
  const [job, setJob] = useState<string | null>(null);
  const q = (path: string, format: string) =>
    `/api/exports/${path}?authority=${encodeURIComponent(slug)}&format=${format}&lang=${locale}`;
  return (
    <nav className="exports no-print" aria-label={t("exportsTitle")}>
      <strong>{t("exportsTitle")}:</strong>
      <ul>
        {(responseLevel || allowed ? (["csv", "xlsx", "sav"] as const) : []).map((f) => (
          <li key={f}>
            <a
              href={q("responses", f)}
              download
              onClick={(e) => {
                // An analyst's download has no progress to follow: the jobs are the research team's.
                if (!responseLevel) return;
                // A job id with the download, so the page can follow its progress.
                const id = crypto.randomUUID();
                e.currentTarget.href = `${q("responses", f)}&job=${id}`;
                setJob(id);
              }}
            >
              {t("exportResponses", { format: f.toUpperCase() })}
            </a>
          </li>
        ))}
        {(["csv", "xlsx"] as const).map((f) => (
          <li key={`r-${f}`}>
            <a href={q("results", f)} download>
              {t("exportResults", { format: f.toUpperCase() })}
            </a>
          </li>
        ))}
        {responseLevel && (
          <li>
            <a href={q("codebook", "csv")} download>
              {t("exportCodebook")}
            </a>
          </li>
        )}
      </ul>
      {job && <ExportProgress key={job} job={job} />}
    </nav>
  );
}
