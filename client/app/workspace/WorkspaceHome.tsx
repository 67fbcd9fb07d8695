import { useTranslation } from "react-i18next";
import type { SessionInfo } from "../session";
import { useAppLocale } from "../locale-context";
import { hrefOf, PAGE_ROLES, participationPathOf } from "./routes";

const HOME_CARDS = ["bank", "instruments", "waves", "kiosks", "monitoring", "reviews"] as const;
/** The admins' cards, whose strings live in the admin namespace. */
const ADMIN_CARDS = ["users", "audit"] as const;

/**
 * `/workspace`: a card for each page the account's role may open, with what
 * it is for, and a coordinator's authority's participation page.
 */
export function WorkspaceHome({ session }: { session: SessionInfo }) {
  const { t } = useTranslation("workspace");
  const { locale } = useAppLocale();
  const role = session.user.role;
  const participation = participationPathOf(role, session.user.authority);
  return (
    <div className="ws-home">
      <p>{t(role === "authority-coordinator" ? "home.introCoordinator" : "home.intro")}</p>
      <ul className="ws-cards">
        {HOME_CARDS.filter((page) => PAGE_ROLES[page].includes(role)).map((page) => (
          <li key={page}>
            <a href={hrefOf(`/workspace/${page}`, locale)}>
              <strong>{t(`nav.${page}`)}</strong>
              <span>{t(`home.${page}`)}</span>
            </a>
          </li>
        ))}
        {ADMIN_CARDS.filter((page) => PAGE_ROLES[page].includes(role)).map((page) => (
          <li key={page}>
            <a href={hrefOf(`/workspace/${page}`, locale)}>
              <strong>{t(`admin:nav.${page}`)}</strong>
              <span>{t(`admin:home.${page}`)}</span>
            </a>
          </li>
        ))}
        {participation ? (
          <li>
            <a href={hrefOf(participation, locale)}>
              <strong>{t("nav.participation")}</strong>
              <span>{t("home.participation")}</span>
            </a>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
