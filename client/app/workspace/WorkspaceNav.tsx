import { useTranslation } from "react-i18next";
import {
  hrefOf,
  PAGE_ROLES,
  participationPathOf,
  RESULT_ROLES,
  sectionOf,
  type WorkspaceRoute,
} from "./routes";
import { useAppLocale } from "../locale-context";

const LINKS = [
  { page: "bank", path: "/workspace/bank" },
  { page: "instruments", path: "/workspace/instruments" },
  { page: "waves", path: "/workspace/waves" },
  { page: "kiosks", path: "/workspace/kiosks" },
  { page: "monitoring", path: "/workspace/monitoring" },
  { page: "reviews", path: "/workspace/reviews" },
  { page: "users", path: "/workspace/users" },
  { page: "audit", path: "/workspace/audit" },
  { page: "calendars", path: "/workspace/calendars" },
] as const;

/** The workspace's sections the role may open; the current one is marked for screen readers. */
export function WorkspaceNav({
  route,
  role,
  authority,
}: {
  route: WorkspaceRoute;
  role: string;
  authority: { slug: string } | null;
}) {
  const { t } = useTranslation("workspace");
  const { locale } = useAppLocale();
  const current = sectionOf(route);
  const participation = participationPathOf(role, authority);
  return (
    <nav className="ws-nav" aria-label={t("nav.label")}>
      <a href={hrefOf("/workspace", locale)} aria-current={current === "home" ? "page" : undefined}>
        {t("nav.home")}
      </a>
      {LINKS.filter((l) => PAGE_ROLES[l.page].includes(role)).map((l) => (
        <a
          key={l.page}
          href={hrefOf(l.path, locale)}
          aria-current={current === l.page ? "page" : undefined}
        >
          {t(l.page === "users" || l.page === "audit" ? `admin:nav.${l.page}` : `nav.${l.page}`)}
        </a>
      ))}
      {participation ? (
        <a href={hrefOf(participation, locale)} data-testid="nav-participation">
          {t("nav.participation")}
        </a>
      ) : null}
      {RESULT_ROLES.includes(role) ? <a href={hrefOf("/", locale)}>{t("nav.results")}</a> : null}
    </nav>
  );
}
