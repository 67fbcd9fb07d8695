import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../../shared/locale";
import { PageShell } from "../../shared/PageShell";
import type { SessionInfo } from "../session";
import { PasswordChangeForm } from "./PasswordChangeForm";
import { TotpEnrolment } from "./TotpEnrolment";

interface Props {
  session: SessionInfo;
  locale: Locale;
  onLocaleChange: (locale: Locale) => void;
  account: ReactNode;
}

/**
 * What a session that owes account setup sees, whatever address it opened:
 * first a new password when an administrator asked for one, then the
 * authenticator enrolment its role requires. Each step done, the page reloads
 * onto the next one or onto the address asked for.
 */
export function AccountSetupPage({ session, locale, onLocaleChange, account }: Props) {
  const { t } = useTranslation("auth");
  const step = session.user.setup[0];
  useEffect(() => {
    document.title = `${t("setupTitle")} · ${t("common:appName")}`;
  }, [t]);
  const done = () => window.location.reload();
  return (
    <PageShell
      locale={locale}
      onLocaleChange={onLocaleChange}
      title={t("setupTitle")}
      account={account}
    >
      <p className="notice" data-testid={`setup-${step}`}>
        {step === "password-change" ? t("setupPasswordWhy") : t("setupTotpWhy")}
      </p>
      {step === "password-change" ? (
        <PasswordChangeForm locale={locale} onDone={done} />
      ) : (
        <TotpEnrolment locale={locale} replacing={false} onDone={done} />
      )}
    </PageShell>
  );
}
