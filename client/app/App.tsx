import { lazy, Suspense, type ComponentType, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Route, Routes, useLocation, useParams } from "react-router";
import { AccountBar } from "./AccountBar";
import { AppShell } from "./AppShell";
import { AccountPage } from "./account/AccountPage";
import { AccountSetupPage } from "./account/AccountSetupPage";
import { WorkspaceLink } from "./workspace/WorkspaceLink";
import { AuthorityList } from "./AuthorityList";
import { InvitePage } from "./InvitePage";
import { LoadFailed } from "./LoadFailed";
import { LoginPage } from "./LoginPage";
import { useAppLocale } from "./locale-context";
import { useSession, type SessionInfo } from "./session";

// chart.js loads only with the results page, not with the list of authorities.
const ResultsPage = lazy(() => import("./results/ResultsPage"));
// The workspace (and the SurveyJS preview inside it) loads only under /workspace.
const WorkspaceApp = lazy(() => import("./workspace/WorkspaceApp"));
// Sign-ups and "you said, we did" entries, for coordinators and researchers.
const ParticipationPage = lazy(() => import("./participation/ParticipationPage"));
// The research team's population margins: versions, waves, and the upload of a file.
const MarginsPage = lazy(() => import("./results/MarginsPage"));

/** True for an authority's slug as the server makes them; any other `/results/x` shows the list. */
export function isSlug(value: string | undefined): value is string {
  return value !== undefined && /^[a-z0-9-]{2,60}$/.test(value);
}

/** True for an invitation token (32 random bytes, base64url). */
function isInviteToken(value: string | undefined): value is string {
  return value !== undefined && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/**
 * Routes of the main entry: `/login` and `/invite/<token>` without a session;
 * everything else needs one, and sends a signed-out visitor to `/login?next=…`.
 */
export function App() {
  const { t } = useTranslation("common");
  // Lazy pages (results, workspace, participation) show "loading" until their code is in.
  return (
    <Suspense fallback={<p role="status">{t("loading")}</p>}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/invite/:token" element={<InviteRoute />} />
        <Route path="*" element={<SignedInRoutes />} />
      </Routes>
    </Suspense>
  );
}

function InviteRoute() {
  const { token } = useParams();
  return isInviteToken(token) ? <InvitePage token={token} /> : <SignedInRoutes />;
}

/** What every signed-in page takes: the caller and the account links (the language is in context). */
interface PageProps {
  session: SessionInfo;
  account: ReactNode;
}

/** A page of one authority, by its slug; the list of authorities for a slug that cannot be one. */
function OfSlug({
  page: Page,
  ...props
}: PageProps & { page: ComponentType<PageProps & { slug: string }> }) {
  const { slug } = useParams();
  const { locale } = useAppLocale();
  if (!isSlug(slug)) return <Navigate to={`/?lang=${locale}`} replace />;
  return <Page slug={slug} {...props} />;
}

function SignedInRoutes() {
  const { t } = useTranslation("common");
  const { locale } = useAppLocale();
  const session = useSession();
  const here = useLocation();
  if (session.kind === "signed-out") {
    const next = encodeURIComponent(here.pathname + here.search);
    return <Navigate to={`/login?lang=${locale}&next=${next}`} replace />;
  }
  if (session.kind !== "signed-in") {
    return (
      <AppShell title={t("appName")}>
        {session.kind === "failed" ? (
          <LoadFailed error={session.error} onRetry={() => window.location.reload()} />
        ) : (
          <p role="status">{t("loading")}</p>
        )}
      </AppShell>
    );
  }
  const bar = <AccountBar session={session.session} />;
  const page: PageProps = {
    session: session.session,
    account: (
      <>
        <WorkspaceLink session={session.session} />
        {bar}
      </>
    ),
  };
  // A session owing account setup (a new password, TOTP enrolment) opens nothing else.
  if (session.session.user.setup.length > 0) return <AccountSetupPage {...page} account={bar} />;
  // One line per page.
  return (
    <Routes>
      <Route path="/account" element={<AccountPage {...page} />} />
      <Route path="/workspace/*" element={<WorkspaceApp {...page} />} />
      <Route path="/participation/:slug" element={<OfSlug page={ParticipationPage} {...page} />} />
      <Route path="/results/:slug" element={<OfSlug page={ResultsPage} {...page} />} />
      <Route path="/results/:slug/margins" element={<OfSlug page={MarginsPage} {...page} />} />
      <Route path="*" element={<AuthorityList {...page} />} />
    </Routes>
  );
}
