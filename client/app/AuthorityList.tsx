import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../shared/locale";
import { PageShell } from "../shared/PageShell";
import { LoadFailed } from "./LoadFailed";
import { useJson } from "./use-json";

interface AuthoritySummary {
  id: string;
  slug: string;
  name: string;
}

interface Props {
  locale: Locale;
  onLocaleChange: (locale: Locale) => void;
}

/** `/`: the program's authorities, each linking to its results. */
export function AuthorityList({ locale, onLocaleChange }: Props) {
  const { t } = useTranslation("results");
  const [state, retry] = useJson<AuthoritySummary[]>(`/api/authorities?lang=${locale}`);

  useEffect(() => {
    document.title = `${t("authoritiesTitle")} · ${t("common:appName")}`;
  }, [t]);

  let body;
  if (state.kind === "failed") body = <LoadFailed error={state.error} onRetry={retry} />;
  else if (state.kind === "loading") body = <p role="status">{t("common:loading")}</p>;
  else if (state.data.length === 0) body = <p>{t("authoritiesEmpty")}</p>;
  else
    body = (
      <ul className="authority-list">
        {state.data.map((a) => (
          <li key={a.id}>
            <a href={`/results/${encodeURIComponent(a.slug)}?lang=${locale}`}>{a.name}</a>
          </li>
        ))}
      </ul>
    );

  return (
    <PageShell locale={locale} onLocaleChange={onLocaleChange} title={t("common:appName")}>
      <h2>{t("authoritiesTitle")}</h2>
      <p>{t("authoritiesIntro")}</p>
      {body}
    </PageShell>
  );
}
