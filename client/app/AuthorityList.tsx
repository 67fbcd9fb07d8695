import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../shared/locale";
import { PageShell } from "../shared/PageShell";
import { AccessDenied, isAccessError } from "./AccessDenied";
import { LoadFailed } from "./LoadFailed";
import type { SessionInfo } from "./session";
import { useJson } from "./use-json";

interface AuthoritySummary {
  id: string;
  slug: string;
  name: string;
}

interface Props {
  locale: Locale;
  onLocaleChange: (locale: Locale) => void;
  account: ReactNode;
  session: SessionInfo;
}

/** `/`: the program's authorities, each linking to its results. */
export function AuthorityList({ locale, onLocaleChange, account, session }: Props) {
  const { t } = useTranslation("results");
  // Program viewers see no named authority: do not even ask.
  const programOnly = session.user.role === "program-viewer";
  const [state, retry] = useJson<AuthoritySummary[]>(
    programOnly ? null : `/api/authorities?lang=${locale}`,
  );

  useEffect(() => {
    document.title = `${t("authoritiesTitle")} · ${t("common:appName")}`;
  }, [t]);

  let body;
  if (programOnly) body = <p className="notice">{t("auth:programOnly")}</p>;
  else if (state.kind === "failed")
    body = isAccessError(state.error) ? (
      <AccessDenied error={state.error} locale={locale} />
    ) : (
      <LoadFailed error={state.error} onRetry={retry} />
    );
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
    <PageShell
      locale={locale}
      onLocaleChange={onLocaleChange}
      title={t("common:appName")}
      account={account}
    >
      <h2>{t("authoritiesTitle")}</h2>
      <p>{t("authoritiesIntro")}</p>
      {body}
    </PageShell>
  );
}
