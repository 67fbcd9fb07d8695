import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../../shared/locale";
import { PageShell } from "../../shared/PageShell";
import { AccessDenied, isAccessError } from "../AccessDenied";
import { LoadFailed } from "../LoadFailed";
import { useJson } from "../use-json";
import { MarginSetTables } from "./MarginSetTables";
import { MarginsUpload } from "./MarginsUpload";
import { addMarginsStrings } from "./margins-strings";
import { marginsApi, type MarginSetList } from "./margins-types";
import "./results.css";

interface Props {
  slug: string;
  locale: Locale;
  onLocaleChange: (locale: Locale) => void;
  account?: ReactNode;
}

/**
 * `/results/<slug>/margins`, for the research team: the authority's versions of
 * its population margins, which wave is raked to which, and the upload of a new
 * version from a CSV file (docs/methods.md, section 3).
 */
export default function MarginsPage({ slug, locale, onLocaleChange, account }: Props) {
  const { t, i18n } = useTranslation("margins");
  addMarginsStrings(i18n);
  const [state, reload] = useJson<MarginSetList>(`${marginsApi(slug)}?lang=${locale}`);
  const list = state.kind === "ready" ? state.data : null;
  const title = list ? t("title", { authority: list.authorityName[locale] }) : t("common:appName");

  useEffect(() => {
    document.title = `${title} · ${t("common:appName")}`;
  }, [title, t]);

  let body;
  if (state.kind === "failed")
    body = isAccessError(state.error) ? (
      <AccessDenied error={state.error} locale={locale} />
    ) : (
      <LoadFailed error={state.error} onRetry={reload} />
    );
  else if (!list) body = <p role="status">{t("common:loading")}</p>;
  else
    body = (
      <>
        <p className="method-note">{t("intro")}</p>
        <MarginSetTables list={list} locale={locale} />
        <MarginsUpload slug={slug} locale={locale} waves={list.waves} onSaved={reload} />
      </>
    );

  return (
    <PageShell locale={locale} onLocaleChange={onLocaleChange} account={account} title={title}>
      <nav aria-label={t("back")} className="breadcrumbs">
        <a href={`/results/${encodeURIComponent(slug)}?lang=${locale}`}>{t("back")}</a>
      </nav>
      {body}
    </PageShell>
  );
}
