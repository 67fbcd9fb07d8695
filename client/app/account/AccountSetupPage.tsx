import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AppShell } from "../AppShell";
import type { SessionInfo } from "../session";
import { PasswordChangeForm } from "./PasswordChangeForm";
import { TotpEnrolment } from "./TotpEnrolment";

interface Props {
  session: SessionInfo;
  account: ReactNode;
}

/**
 * What a session that owes account setup sees, whatever address it opened:
 * first a new password when an administrator asked for one, then the
 * authenticator enrolment its role requires. Each step done, the page reloads
 * onto the next one or onto the address asked for.
 */
export function AccountSetupPage({ session, account }: Props) {
  const { t } = useTranslation("auth");
  const step = session.user.setup[0];
  useEffect(() => {
    document.title = `${t("setupTitle")} · ${t("common:appName")}`;
  }, [t]);
  const done = () => window.location.reload();
  return (
    <AppShell title={t("setupTitle")} account={account}>
      <p className="notice" data-testid={`setup-${step}`}>
        {step === "password-change" ? t("setupPasswordWhy") : t("setupTotpWhy")}
      </p>
      {step === "password-change" ? (
        <PasswordChangeForm onDone={done} />
      ) : (
        <TotpEnrolment replacing={false} onDone={done} />
      )}
    </AppShell>
  );
}
