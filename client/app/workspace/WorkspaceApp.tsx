import "./workspace.css";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../../shared/locale";
import { PageShell } from "../../shared/PageShell";
import type { SessionInfo } from "../session";
import { BankBrowser } from "./bank/BankBrowser";
import { Designer } from "./designer/Designer";
import { InstrumentList } from "./instruments/InstrumentList";
import { addWorkspaceStrings } from "./resources";
import { hrefOf, workspaceRoute, type WorkspaceRoute } from "./routes";
import { WorkspaceNav } from "./WorkspaceNav";

interface Props {
  locale: Locale;
  onLocaleChange: (locale: Locale) => void;
  account: ReactNode;
  session: SessionInfo;
}

/** Roles that design instruments and run waves. */
const DESIGNERS = new Set(["admin", "researcher"]);

function Home({ locale }: { locale: Locale }) {
  const { t } = useTranslation("workspace");
  return (
    <div className="ws-home">
      <p>{t("home.intro")}</p>
      <ul className="ws-cards">
        {(["bank", "instruments"] as const).map((page) => (
          <li key={page}>
            <a href={hrefOf(`/workspace/${page}`, locale)}>
              <strong>{t(`nav.${page}`)}</strong>
              <span>{t(`home.${page}`)}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function pageOf(route: WorkspaceRoute, locale: Locale): ReactNode {
  switch (route.page) {
    case "home":
      return <Home locale={locale} />;
    case "bank":
      return <BankBrowser locale={locale} />;
    case "instruments":
      return <InstrumentList locale={locale} />;
    case "designer":
      return <Designer key={route.key} draftKey={route.key} locale={locale} />;
    default:
      return null;
  }
}

/** `/workspace/*`: the researchers' workspace (item bank, instrument designer). */
export default function WorkspaceApp(props: Props) {
  // The workspace's strings come with this chunk: add them before anything asks for them.
  const { i18n } = useTranslation("common");
  addWorkspaceStrings(i18n);
  return <Workspace {...props} />;
}

function Workspace({ locale, onLocaleChange, account, session }: Props) {
  const { t } = useTranslation("workspace");
  const route = workspaceRoute(window.location.pathname);
  const title = route.page === "not-found" ? t("notFound") : t(`titles.${route.page}`);
  useEffect(() => {
    document.title = `${title} · ${t("common:appName")}`;
  }, [t, title]);

  let body: ReactNode;
  if (!DESIGNERS.has(session.user.role)) {
    body = (
      <div className="notice notice--error" role="alert" data-testid="ws-forbidden">
        <p>{t("forbidden")}</p>
      </div>
    );
  } else if (route.page === "not-found") {
    body = <p className="notice">{t("notFound")}</p>;
  } else body = pageOf(route, locale);

  return (
    <PageShell
      locale={locale}
      onLocaleChange={onLocaleChange}
      title={t("common:appName")}
      subtitle={t("subtitle")}
      account={account}
    >
      <div className="workspace">
        {DESIGNERS.has(session.user.role) ? <WorkspaceNav route={route} locale={locale} /> : null}
        <h2 className="ws-title">{title}</h2>
        {body}
      </div>
    </PageShell>
  );
}
