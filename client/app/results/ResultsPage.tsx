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
import { AgreementTables } from "./AgreementTables";
import { BreakdownTables } from "./BreakdownTables";
import { BridgeArms } from "./BridgeArms";
import { ChangeSummary } from "./ChangeSummary";
import { ConstructChart } from "./ConstructChart";
import { DidTable } from "./DidTable";
import { DistributionTables } from "./DistributionTables";
import { ExportLinks } from "./ExportLinks";
import { ReliabilityTable } from "./ReliabilityTable";
import "./results.css";
import { formatsFor } from "./format";
import { ResultsTable } from "./ResultsTable";
import type { AuthorityResults } from "./types";

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
          <ExportLinks slug={slug} responseLevel={Boolean(data.reliability)} />
        ) : null}
        {/* Population margins are the research team's (server/results/margin-routes.ts). */}
        {session.user.role === "admin" || session.user.role === "researcher" ? (
          <p className="no-print">
            <Link to={`/results/${encodeURIComponent(slug)}/margins?lang=${locale}`}>
              {t("marginsLink")}
            </Link>
          </p>
        ) : null}
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
          <section key={c.id} className="construct" aria-labelledby={`construct-${c.id}`}>
            <h2 id={`construct-${c.id}`}>{c.name}</h2>
            {c.description ? <p className="construct__description">{c.description}</p> : null}
            <p className="construct__meta">
              {/* Frequency codes are categories: no "scale 1 to 5" for them. */}
              {c.reportedAs === "mean"
                ? t("scale", { min: fmt.count(c.scale.min), max: fmt.count(c.scale.max) })
                : null}
              {c.reportedAs === "mean" && c.source ? " · " : null}
              {c.source ? t("source", { source: c.source }) : null}
            </p>
            {c.reportedAs === "distribution" ? (
              // Frequency codes are categories: no mean, chart of means or test of them.
              <>
                <DistributionTables
                  construct={c}
                  waves={data.waves}
                  minCellSize={data.minCellSize}
                  fmt={fmt}
                />
                <BridgeArms construct={c} waves={data.waves} fmt={fmt} />
              </>
            ) : (
              <>
                <ChangeSummary construct={c} waves={data.waves} fmt={fmt} />
                <ConstructChart
                  construct={c}
                  waves={data.waves}
                  slug={slug}
                  authority={data.authority.name}
                />
                <ResultsTable
                  construct={c}
                  waves={data.waves}
                  minCellSize={data.minCellSize}
                  fmt={fmt}
                />
                <BridgeArms construct={c} waves={data.waves} fmt={fmt} />
                <BreakdownTables construct={c} waves={data.waves} fmt={fmt} />
                <AgreementTables
                  construct={c}
                  waves={data.waves}
                  minCellSize={data.minCellSize}
                  fmt={fmt}
                />
              </>
            )}
          </section>
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
