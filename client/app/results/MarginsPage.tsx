import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { AccessDenied, isAccessError } from "../AccessDenied";
import { AppShell } from "../AppShell";
import { LoadFailed } from "../LoadFailed";
import { useAppLocale } from "../locale-context";
import { useJson } from "../use-json";
import { MarginSetTables } from "./MarginSetTables";
import { MarginsUpload } from "./MarginsUpload";
import { addMarginsStrings } from "./margins-strings";
import { marginsApi, type MarginSetList } from "./margins-types";
import "./results.css";

interface Props {
  slug: string;
  account?: ReactNode;
}

/**
 * `/results/<slug>/margins`, for the research team: the authority's versions of
 * its population margins, which wave is raked to which, and the upload of a new
 * version from a CSV file (docs/methods.md, section 3).
 */
export default function MarginsPage({ slug, account }: Props) {
  const { t, i18n } = useTranslation("margins");
  const { locale } = useAppLocale();
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
      <AccessDenied error={state.error} />
    ) : (
      <LoadFailed error={state.error} onRetry={reload} />
    );
  else if (!list) body = <p role="status">{t("common:loading")}</p>;
  else
    body = (
      <>
        <p className="method-note">{t("intro")}</p>
        <MarginSetTables list={list} />
        <MarginsUpload slug={slug} waves={list.waves} onSaved={reload} />
      </>
    );

  return (
    <AppShell account={account} title={title}>
      <nav aria-label={t("back")} className="breadcrumbs">
        <Link to={`/results/${encodeURIComponent(slug)}?lang=${locale}`}>{t("back")}</Link>
      </nav>
      {body}
    </AppShell>
  );
}
