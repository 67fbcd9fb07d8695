import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAppLocale } from "./locale-context";
import { signOut, type SessionInfo } from "./session";

/** Who is signed in, in which role, a link to their account page and a sign-out button. */
export function AccountBar({ session }: { session: SessionInfo }) {
  const { t } = useTranslation("auth");
  const { locale } = useAppLocale();
  return (
    <div className="account-bar">
      <span className="account-bar__who">
        <strong>{t(`roles.${session.user.role}`)}</strong>
        <bdi dir="ltr" className="account-bar__email">
          {session.user.email}
        </bdi>
      </span>
      {session.user.setup.length === 0 ? (
        <Link className="account-bar__link" to={`/account?lang=${locale}`}>
          {t("accountLink")}
        </Link>
      ) : null}
      <button type="button" className="account-bar__signout" onClick={() => void signOut(locale)}>
        {t("signOut")}
      </button>
    </div>
  );
}
