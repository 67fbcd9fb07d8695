import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { TOTP_ROLES } from "../../../server/shared/roles";
import { AppShell } from "../AppShell";
import type { SessionInfo } from "../session";
import { PasswordChangeForm } from "./PasswordChangeForm";
import { TotpEnrolment } from "./TotpEnrolment";

interface Props {
  session: SessionInfo;
  account: ReactNode;
}

/** `/account`: change one's password, and set up (or replace) an authenticator app. */
export function AccountPage({ session, account }: Props) {
  const { t } = useTranslation("auth");
  const [saved, setSaved] = useState<"password" | "totp" | null>(null);
  useEffect(() => {
    document.title = `${t("accountTitle")} · ${t("common:appName")}`;
  }, [t]);
  return (
    <AppShell title={t("accountTitle")} account={account}>
      {saved ? (
        <p role="status" className="notice" data-testid="account-saved">
          {saved === "password" ? t("passwordChanged") : t("totpEnabled")}
        </p>
      ) : null}
      <div className="account-page">
        <PasswordChangeForm onDone={() => setSaved("password")} />
        {TOTP_ROLES.has(session.user.role) ? (
          <TotpEnrolment
            // a new enrolment form after each success
            key={saved ?? "first"}
            replacing={session.user.totpEnabled || saved === "totp"}
            onDone={() => setSaved("totp")}
          />
        ) : null}
      </div>
    </AppShell>
  );
}
