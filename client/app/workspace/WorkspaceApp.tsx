import "./workspace.css";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { SessionInfo } from "../session";
import { BankBrowser } from "./bank/BankBrowser";
import { CalendarsPage } from "./authority/CalendarsPage";
import { Designer } from "./designer/Designer";
import { InstrumentList } from "./instruments/InstrumentList";
import { addWorkspaceStrings } from "./resources";
import { ContactsPage } from "./contacts/ContactsPage";
import { KiosksPage } from "./contacts/KiosksPage";
import { MonitoringPage } from "./monitoring/MonitoringPage";
import { WaveMonitoringPage } from "./monitoring/WaveMonitoringPage";
import { ReviewsPage } from "./reviews/ReviewsPage";
import { AuditPage } from "../admin/AuditPage";
import { UsersPage } from "../admin/UsersPage";
import { PAGE_ROLES, workspaceRoute, type WorkspaceRoute } from "./routes";
import { NewWavePage } from "./waves/NewWavePage";
import { WavePage } from "./waves/WavePage";
import { WavesPage } from "./waves/WavesPage";
import { WorkspaceHome } from "./WorkspaceHome";
import { WorkspaceNav } from "./WorkspaceNav";
import { AppShell } from "../AppShell";

interface Props {
  account: ReactNode;
  session: SessionInfo;
}

function pageOf(route: WorkspaceRoute, session: SessionInfo): ReactNode {
  switch (route.page) {
    case "home":
      return <WorkspaceHome session={session} />;
    case "bank":
      return <BankBrowser />;
    case "instruments":
      return <InstrumentList />;
    case "designer":
      return <Designer key={route.key} draftKey={route.key} />;
    case "waves":
      return <WavesPage session={session} />;
    case "wave-new":
      return <NewWavePage />;
    case "wave":
      return <WavePage slug={route.slug} waveId={route.waveId} session={session} />;
    case "contacts":
      return <ContactsPage slug={route.slug} waveId={route.waveId} session={session} />;
    case "wave-monitoring":
      return (
        <WaveMonitoringPage
          slug={route.slug}
          waveId={route.waveId}
          reviewer={session.user.role === "admin" || session.user.role === "researcher"}
        />
      );
    case "kiosks":
      return <KiosksPage slug={route.slug} session={session} />;
    case "monitoring":
      return <MonitoringPage session={session} />;
    case "reviews":
      return <ReviewsPage />;
    case "users":
      return <UsersPage selfId={session.user.id} />;
    case "audit":
      return <AuditPage />;
    case "calendars":
      return <CalendarsPage />;
    default:
      return null;
  }
}

/**
 * `/workspace/*`: the researchers' and coordinators' workspace (item bank,
 * instrument designer, waves, contacts and kiosks, fieldwork monitoring).
 */
export default function WorkspaceApp(props: Props) {
  // The workspace's strings come with this chunk: add them before anything asks for them
  // (the instance only: no namespace is read here).
  const { i18n } = useTranslation();
  addWorkspaceStrings(i18n);
  return <Workspace {...props} />;
}

function Workspace({ account, session }: Props) {
  const { t } = useTranslation("workspace");
  const route = workspaceRoute(window.location.pathname);
  const title =
    route.page === "not-found"
      ? t("notFound")
      : route.page === "users" || route.page === "audit"
        ? t(`admin:titles.${route.page}`)
        : t(`titles.${route.page}`);
  useEffect(() => {
    document.title = `${title} · ${t("common:appName")}`;
  }, [t, title]);

  const allowed = PAGE_ROLES[route.page].includes(session.user.role);
  let body: ReactNode;
  if (!allowed) {
    body = (
      <div className="notice notice--error" role="alert" data-testid="ws-forbidden">
        <p>{t("forbidden")}</p>
      </div>
    );
  } else if (route.page === "not-found") {
    body = <p className="notice">{t("notFound")}</p>;
  } else body = pageOf(route, session);

  return (
    <AppShell title={t("common:appName")} subtitle={t("subtitle")} account={account}>
      <div className="workspace">
        {PAGE_ROLES.home.includes(session.user.role) ? (
          <WorkspaceNav route={route} role={session.user.role} authority={session.user.authority} />
        ) : null}
        <h2 className="ws-title">{title}</h2>
        {body}
      </div>
    </AppShell>
  );
}
