import { useTranslation } from "react-i18next";
import { useAppLocale } from "../locale-context";
import type { SessionInfo } from "../session";
import { PAGE_ROLES, RESULT_ROLES } from "./routes";

/**
 * The way into the workspace, in the header, for the roles that use it. Its one
 * string lives in `auth` (loaded on every staff page), so this stays out of the
 * workspace chunk's namespace.
 */
export function WorkspaceLink({ session }: { session: SessionInfo }) {
  const { t } = useTranslation("auth");
  const { locale } = useAppLocale();
  if (!PAGE_ROLES.home.includes(session.user.role)) return null;
  const here = window.location.pathname.startsWith("/workspace");
  // From the workspace this leads to results: none for a role that sees no results.
  if (here && !RESULT_ROLES.includes(session.user.role)) return null;
  return (
    <a
      className="ws-entry-link"
      href={here ? `/?lang=${locale}` : `/workspace?lang=${locale}`}
      data-testid="workspace-link"
    >
      {here ? t("resultsLink") : t("workspaceLink")}
    </a>
  );
}
