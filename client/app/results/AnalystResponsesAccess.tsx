import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, putJson } from "../../shared/api";
import { useJson } from "../use-json";

/** The switch as the server keeps it (server/exports/analyst-access.ts). */
export interface AnalystAccess {
  authority: string;
  allowed: boolean;
  changedAt: string | null;
}

export const analystAccessUrl = (slug: string) =>
  `/api/exports/analyst-access/${encodeURIComponent(slug)}`;

/**
 * A researcher's or admin's switch: may this authority's analysts download its
 * de-identified responses (issue 20)? Off unless turned on; each change is
 * audit-logged by the server.
 */
export function AnalystResponsesAccess({ slug }: { slug: string }) {
  const { t } = useTranslation("results");
  const id = useId();
  const [view, reload] = useJson<AnalystAccess>(analystAccessUrl(slug));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (view.kind !== "ready") return null;
  const change = async (allowed: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await putJson<AnalystAccess>(analystAccessUrl(slug), { allowed });
      reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <p className="no-print" data-testid="analyst-access">
      <input
        id={id}
        type="checkbox"
        checked={view.data.allowed}
        disabled={busy}
        onChange={(e) => void change(e.target.checked)}
      />{" "}
      <label htmlFor={id}>{t("analystAccess.label")}</label>
      {error ? (
        <span role="alert" className="notice notice--error">
          {errorMessage(error, t)}
        </span>
      ) : null}
    </p>
  );
}
