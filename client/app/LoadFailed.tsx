import { useTranslation } from "react-i18next";
import { errorMessage, isRetryable } from "../shared/api";

/** The error of a failed load, with a retry button. */
export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation("common");
  return (
    <div role="alert" className="notice notice--error">
      <p>{errorMessage(error, t)}</p>
      {isRetryable(error) ? (
        <button type="button" className="button" onClick={onRetry}>
          {t("retry")}
        </button>
      ) : null}
    </div>
  );
}
