import { lazy, Suspense, useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { AppShell } from "./AppShell";
import { AccessDenied, isAccessError } from "./AccessDenied";
import { LoadFailed } from "./LoadFailed";
import { useAppLocale } from "./locale-context";
import type { SessionInfo } from "./session";
import { useJson } from "./use-json";

// The program viewer's home, with its strings, loads only for that role.
const ProgramPage = lazy(() => import("./program/ProgramPage"));

interface AuthoritySummary {
  id: string;
  slug: string;
  name: string;
}

interface Props {
  account: ReactNode;
  session: SessionInfo;
}

/** `/`: the program's authorities, each linking to its results. */
export function AuthorityList({ account, session }: Props) {
  const { t } = useTranslation("results");
  const { locale } = useAppLocale();
  // Program viewers see no named authority: do not even ask.
  const programOnly = session.user.role === "program-viewer";
  const [state, retry] = useJson<AuthoritySummary[]>(
    programOnly ? null : `/api/authorities?lang=${locale}`,
  );

  useEffect(() => {
    document.title = `${t("authoritiesTitle")} · ${t("common:appName")}`;
  }, [t]);

  let body;
  // A coordinator's pages are the authority's participation pages: results would answer 403.
  const coordinator = session.user.role === "authority-coordinator";
  const linkOf = (slug: string) =>
    `/${coordinator ? "participation" : "results"}/${encodeURIComponent(slug)}?lang=${locale}`;
  if (programOnly)
    body = (
      <Suspense fallback={<p role="status">{t("common:loading")}</p>}>
        <ProgramPage />
      </Suspense>
    );
  else if (state.kind === "failed")
    body = isAccessError(state.error) ? (
      <AccessDenied error={state.error} />
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
            <Link to={linkOf(a.slug)}>{a.name}</Link>
          </li>
        ))}
      </ul>
    );

  return (
    <AppShell title={t("common:appName")} account={account}>
      {programOnly ? null : (
        <>
          <h2>{t("authoritiesTitle")}</h2>
          <p>{t("authoritiesIntro")}</p>
        </>
      )}
      {body}
    </AppShell>
  );
}
