import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../shared/api";
import { useAppLocale } from "./locale-context";

/** True for the refusals that get a page of their own rather than a retry button. */
export function isAccessError(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.status === 403 || error.status === 404);
}

/**
 * "No access" (403) or "not found" (404, also someone else's authority: the page
 * does not say which, as the server does not).
 */
export function AccessDenied({ error }: { error: ApiError }) {
  const { t } = useTranslation("auth");
  const { locale } = useAppLocale();
  const kind = error.status === 403 ? "forbidden" : "notFound";
  return (
    <section
      className="notice notice--error access-denied"
      data-testid={`state-${kind}`}
      aria-labelledby="access-denied-title"
    >
      <h2 id="access-denied-title">{t(`${kind}Title`)}</h2>
      <p>{t(`${kind}Body`)}</p>
      <Link to={`/?lang=${locale}`}>{t("backHome")}</Link>
    </section>
  );
}
