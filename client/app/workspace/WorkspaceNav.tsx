import { useTranslation } from "react-i18next";
import type { Locale } from "../../shared/locale";
import { hrefOf, PAGE_ROLES, sectionOf, type WorkspaceRoute } from "./routes";

const LINKS = [
  { page: "bank", path: "/workspace/bank" },
  { page: "instruments", path: "/workspace/instruments" },
  { page: "waves", path: "/workspace/waves" },
  { page: "kiosks", path: "/workspace/kiosks" },
  { page: "monitoring", path: "/workspace/monitoring" },
] as const;

/** The workspace's sections the role may open; the current one is marked for screen readers. */
export function WorkspaceNav({
  route,
  locale,
  role,
}: {
  route: WorkspaceRoute;
  locale: Locale;
  role: string;
}) {
  const { t } = useTranslation("workspace");
  const current = sectionOf(route);
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
          {t(`nav.${l.page}`)}
        </a>
      ))}
      <a href={hrefOf("/", locale)}>{t("nav.results")}</a>
    </nav>
  );
}
