import { useTranslation } from "react-i18next";
import type { Locale } from "../shared/locale";
import { signOut, type SessionInfo } from "./session";

/** Who is signed in, in which role, a link to their account page and a sign-out button. */
export function AccountBar({ session, locale }: { session: SessionInfo; locale: Locale }) {
  const { t } = useTranslation("auth");
  return (
    <div className="account-bar">
      <span className="account-bar__who">
        <strong>{t(`roles.${session.user.role}`)}</strong>
        <bdi dir="ltr" className="account-bar__email">
          {session.user.email}
        </bdi>
      </span>
      {session.user.setup.length === 0 ? (
        <a className="account-bar__link" href={`/account?lang=${locale}`}>
          {t("accountLink")}
        </a>
      ) : null}
      <button type="button" className="account-bar__signout" onClick={() => void signOut(locale)}>
        {t("signOut")}
      </button>
    </div>
  );
}
