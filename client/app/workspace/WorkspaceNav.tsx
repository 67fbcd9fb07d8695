import { useTranslation } from "react-i18next";
import type { Locale } from "../../shared/locale";
import { hrefOf, type WorkspaceRoute } from "./routes";

const LINKS = [
  { page: "bank", path: "/workspace/bank" },
  { page: "instruments", path: "/workspace/instruments" },
] as const;

/** The workspace's sections; the current one is marked for screen readers. */
export function WorkspaceNav({ route, locale }: { route: WorkspaceRoute; locale: Locale }) {
  const { t } = useTranslation("workspace");
  const current = route.page === "designer" ? "instruments" : route.page;
  return (
    <nav className="ws-nav" aria-label={t("nav.label")}>
      <a href={hrefOf("/workspace", locale)} aria-current={current === "home" ? "page" : undefined}>
        {t("nav.home")}
      </a>
      {LINKS.map((l) => (
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
