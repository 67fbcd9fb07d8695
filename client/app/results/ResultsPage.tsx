import { useEffect, useMemo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DisclosureBlock } from "../../shared/DisclosureBlock";
import { RESULTS_EXPORTERS } from "../../../server/shared/roles";
import type { SessionInfo } from "../session";
import { AccessDenied, isAccessError } from "../AccessDenied";
import { AppShell } from "../AppShell";
import { LoadFailed } from "../LoadFailed";
import { useAppLocale } from "../locale-context";
import { useJson } from "../use-json";
import { ConstructSection } from "./ConstructSection";
import { DidTable } from "./DidTable";
import { AnalystResponsesAccess } from "./AnalystResponsesAccess";
import { ExportLinks } from "./ExportLinks";
import { ReliabilityTable } from "./ReliabilityTable";
import { UpdatingNote } from "./UpdatingNote";
import "./results.css";
import { formatsFor } from "./format";
import type { AuthorityResults } from "./types";

/** While a background job brings the figures up to date, they are read again this often. */
const UPDATING_POLL_MS = 5000;
const pollWhileUpdating = (d: AuthorityResults) => (d.updating ? UPDATING_POLL_MS : false);

interface Props {
  slug: string;
  session: SessionInfo;
  account?: ReactNode;
}

/** `/results/<slug>`: one chart and one table per construct, across the authority's waves. */
export default function ResultsPage({ slug, session, account }: Props) {
  const { t } = useTranslation("results");
  const { locale } = useAppLocale();
  const [state, retry] = useJson<AuthorityResults>(
    `/api/results/authorities/${encodeURIComponent(slug)}?lang=${locale}`,
    { pollMs: pollWhileUpdating },
  );
  const fmt = useMemo(() => formatsFor(locale), [locale]);
  const data = state.kind === "ready" ? state.data : null;

  useEffect(() => {
    document.title = data
      ? `${t("pageTitle", { authority: data.authority.name })} · ${t("common:appName")}`
      : t("common:appName");
  }, [data, t]);

  let body;
  if (state.kind === "failed")
    body = isAccessError(state.error) ? (
      <AccessDenied error={state.error} />
    ) : (
      <LoadFailed error={state.error} onRetry={retry} />
    );
  else if (!data) body = <p role="status">{t("common:loading")}</p>;
  else if (data.waves.length === 0) body = <p>{t("noWaves")}</p>;
  else
    body = (
      <>
        <div className="report-tools no-print">
          <button type="button" className="link-button" onClick={() => window.print()}>
            {t("printReport")}
          </button>
        </div>
        {/* Reliability comes only to roles allowed response-level data, as do those exports. */}
        {(RESULTS_EXPORTERS as readonly string[]).includes(session.user.role) ? (
          <ExportLinks
            slug={slug}
            responseLevel={Boolean(data.reliability)}
            analyst={session.user.role === "authority-analyst"}
          />
        ) : null}
        {session.user.role === "admin" || session.user.role === "researcher" ? (
          <AnalystResponsesAccess slug={slug} />
        ) : null}
        {/* Population margins are the research team's (server/results/margin-routes.ts). */}
        {session.user.role === "admin" || session.user.role === "researcher" ? (
          <p className="no-print">
            <Link to={`/results/${encodeURIComponent(slug)}/margins?lang=${locale}`}>
              {t("marginsLink")}
            </Link>
          </p>
        ) : null}
        {data.updating ? <UpdatingNote updating={data.updating} fmt={fmt} /> : null}
        <p className="privacy-note">
          {t("privacyNote", { count: data.minCellSize, min: fmt.count(data.minCellSize) })}
        </p>
        <p className="method-note">{t("holmNote")}</p>
        {data.waves.some((w) => w.weighting.method === "raked") ? (
          <p className="method-note">
            {t("weighted", {
              deff: fmt.score(Math.max(...data.waves.map((w) => w.weighting.deff))),
            })}
          </p>
        ) : null}
        <details className="disclosures" open>
          <summary>{t("common:disclosure.title")}</summary>
          {data.waves.map((w) => (
            <div key={w.id}>
              <h3 className="disclosure__wave">{w.name}</h3>
              <DisclosureBlock d={w.disclosure} locale={locale} />
            </div>
          ))}
        </details>
        <p className="method-note">
          {data.constructs.some((c) => c.benchmark.some((b) => b.shown))
            ? t("benchmarkNote")
            : t("benchmarkHidden")}
        </p>
        {data.constructs.map((c) => (
          <ConstructSection key={c.id} construct={c} data={data} slug={slug} fmt={fmt} />
        ))}
        <DidTable fmt={fmt} />
        <ReliabilityTable data={data} fmt={fmt} />
      </>
    );

  return (
    <AppShell
      account={account}
      title={data ? t("heading", { authority: data.authority.name }) : t("common:appName")}
    >
      <nav aria-label={t("allAuthorities")} className="breadcrumbs">
        <Link to={`/?lang=${locale}`}>{t("allAuthorities")}</Link>
      </nav>
      {body}
    </AppShell>
  );
}
