import type { i18n } from "i18next";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../shared/locale";
import { PageShell } from "../shared/PageShell";
import { AccountBar } from "./AccountBar";
import { AccountPage } from "./account/AccountPage";
import { AccountSetupPage } from "./account/AccountSetupPage";
import { WorkspaceLink } from "./workspace/WorkspaceLink";
import { AuthorityList } from "./AuthorityList";
import { InvitePage } from "./InvitePage";
import { LoadFailed } from "./LoadFailed";
import { LoginPage } from "./LoginPage";
import { participationSlug } from "./participation/slug";
import { useSession, type SessionInfo } from "./session";
import { useLocale } from "../shared/use-locale";

// chart.js loads only with the results page, not with the list of authorities.
const ResultsPage = lazy(() => import("./results/ResultsPage"));
// The workspace (and the SurveyJS preview inside it) loads only under /workspace.
const WorkspaceApp = lazy(() => import("./workspace/WorkspaceApp"));
// Sign-ups and "you said, we did" entries, for coordinators and researchers.
const ParticipationPage = lazy(() => import("./participation/ParticipationPage"));

/** The slug of `/results/<slug>`; null for any other path. */
export function resultsSlug(pathname: string): string | null {
  const match = /^\/results\/([a-z0-9-]{2,60})\/?$/.exec(pathname);
  return match ? match[1]! : null;
}

/** The token of `/invite/<token>`; null for any other path. */
export function inviteToken(pathname: string): string | null {
  const match = /^\/invite\/([A-Za-z0-9_-]{43})\/?$/.exec(pathname);
  return match ? match[1]! : null;
}

interface Props {
  i18n: i18n;
  initialLocale: Locale;
}

/**
 * Routes of the main entry: `/login` and `/invite/<token>` without a session;
 * everything else needs one, and sends a signed-out visitor to `/login?next=…`.
 */
export function App({ i18n, initialLocale }: Props) {
  const [locale, setLocale] = useLocale(i18n, initialLocale);
  const path = window.location.pathname;
  if (path === "/login" || path === "/login/") {
    return <LoginPage locale={locale} onLocaleChange={setLocale} />;
  }
  const token = inviteToken(path);
  if (token) return <InvitePage token={token} locale={locale} onLocaleChange={setLocale} />;
  return <SignedInRoutes locale={locale} onLocaleChange={setLocale} />;
}

function SignedInRoutes({
  locale,
  onLocaleChange,
}: {
  locale: Locale;
  onLocaleChange: (l: Locale) => void;
}) {
  const { t } = useTranslation("common");
  const session = useSession();
  if (session.kind === "signed-out") {
    const next = window.location.pathname + window.location.search;
    window.location.replace(`/login?lang=${locale}&next=${encodeURIComponent(next)}`);
    return null;
  }
  if (session.kind !== "signed-in") {
    return (
      <PageShell locale={locale} onLocaleChange={onLocaleChange} title={t("appName")}>
        {session.kind === "failed" ? (
          <LoadFailed error={session.error} onRetry={() => window.location.reload()} />
        ) : (
          <p role="status">{t("loading")}</p>
        )}
      </PageShell>
    );
  }
  const account = (
    <>
      <WorkspaceLink session={session.session} locale={locale} />
      <AccountBar session={session.session} locale={locale} />
    </>
  );
  // A session owing account setup (a new password, TOTP enrolment) opens nothing else.
  if (session.session.user.setup.length > 0)
    return (
      <AccountSetupPage
        session={session.session}
        locale={locale}
        onLocaleChange={onLocaleChange}
        account={<AccountBar session={session.session} locale={locale} />}
      />
    );
  if (/^\/account\/?$/.test(window.location.pathname))
    return (
      <AccountPage
        session={session.session}
        locale={locale}
        onLocaleChange={onLocaleChange}
        account={account}
      />
    );
  if (window.location.pathname.startsWith("/workspace")) {
    return (
      <Suspense fallback={<p role="status">{t("loading")}</p>}>
        <WorkspaceApp
          locale={locale}
          onLocaleChange={onLocaleChange}
          account={account}
          session={session.session}
        />
      </Suspense>
    );
  }
  const participation = participationSlug(window.location.pathname);
  if (participation) {
    return (
      <Suspense fallback={<p role="status">{t("loading")}</p>}>
        <ParticipationPage
          slug={participation}
          locale={locale}
          onLocaleChange={onLocaleChange}
          account={account}
          session={session.session}
        />
      </Suspense>
    );
  }
  const slug = resultsSlug(window.location.pathname);
  if (slug) {
    return (
      <Suspense fallback={<p role="status">{t("loading")}</p>}>
        <ResultsPage
          slug={slug}
          locale={locale}
          onLocaleChange={onLocaleChange}
          account={account}
        />
      </Suspense>
    );
  }
  return (
    <AuthorityList
      locale={locale}
      onLocaleChange={onLocaleChange}
      account={account}
      session={session.session satisfies SessionInfo}
    />
  );
}
