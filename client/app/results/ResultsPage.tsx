import { useEffect, useMemo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../../shared/locale";
import { PageShell } from "../../shared/PageShell";
import { AccessDenied, isAccessError } from "../AccessDenied";
import { LoadFailed } from "../LoadFailed";
import { useJson } from "../use-json";
import { ConstructChart } from "./ConstructChart";
import { formatsFor } from "./format";
import { ResultsTable } from "./ResultsTable";
import type { AuthorityResults } from "./types";

interface Props {
  slug: string;
  locale: Locale;
  onLocaleChange: (locale: Locale) => void;
  account?: ReactNode;
}

/** `/results/<slug>`: one chart and one table per construct, across the authority's waves. */
export default function ResultsPage({ slug, locale, onLocaleChange, account }: Props) {
  const { t } = useTranslation("results");
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
      <AccessDenied error={state.error} locale={locale} />
    ) : (
      <LoadFailed error={state.error} onRetry={retry} />
    );
  else if (!data) body = <p role="status">{t("common:loading")}</p>;
  else if (data.waves.length === 0) body = <p>{t("noWaves")}</p>;
  else
    body = (
      <>
        <p className="privacy-note">
          {t("privacyNote", { count: data.minCellSize, min: fmt.count(data.minCellSize) })}
        </p>
        {data.constructs.map((c) => (
          <section key={c.id} className="construct" aria-labelledby={`construct-${c.id}`}>
            <h2 id={`construct-${c.id}`}>{c.name}</h2>
            {c.description ? <p className="construct__description">{c.description}</p> : null}
            <p className="construct__meta">
              {t("scale", { min: fmt.count(c.scale.min), max: fmt.count(c.scale.max) })}
              {c.source ? <> · {t("source", { source: c.source })}</> : null}
            </p>
            <ConstructChart construct={c} waves={data.waves} locale={locale} />
            <ResultsTable
              construct={c}
              waves={data.waves}
              minCellSize={data.minCellSize}
              fmt={fmt}
            />
          </section>
        ))}
      </>
    );

  return (
    <PageShell
      locale={locale}
      onLocaleChange={onLocaleChange}
      account={account}
      title={data ? t("heading", { authority: data.authority.name }) : t("common:appName")}
    >
      <nav aria-label={t("allAuthorities")} className="breadcrumbs">
        <a href={`/?lang=${locale}`}>{t("allAuthorities")}</a>
      </nav>
      {body}
    </PageShell>
  );
}
