import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, postJson } from "../../shared/api";
import { useAppLocale } from "../locale-context";

/**
 * Approve or reject one "you said, we did" entry. Publishing is public at once,
 * so neither decision is one click: the reviewer confirms what will happen first.
 */
export function ReviewButtons({
  id,
  authority,
  onReviewed,
}: {
  id: string;
  authority: string;
  onReviewed: (decision: "approve" | "reject") => void;
}) {
  const { t } = useTranslation("participation");
  const { locale } = useAppLocale();
  const [asking, setAsking] = useState<"approve" | "reject" | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function review(decision: "approve" | "reject") {
    try {
      await postJson(`/api/updates/${id}/review?lang=${locale}`, { decision });
      setAsking(null);
      onReviewed(decision);
    } catch (e) {
      setError(errorMessage(e, t));
    }
  }

  if (asking)
    return (
      <div className="review-confirm" role="group" data-testid="review-confirm">
        <p>
          {asking === "approve"
            ? t("queue.confirmApprove", { authority })
            : t("queue.confirmReject")}
        </p>
        {error ? (
          <p role="alert" className="notice notice--error">
            {error}
          </p>
        ) : null}
        <p className="button-row">
          <button
            type="button"
            className="button"
            onClick={() => void review(asking)}
            data-testid="review-confirm-yes"
          >
            {t("queue.confirm")}
          </button>{" "}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setAsking(null)}
          >
            {t("queue.cancel")}
          </button>
        </p>
      </div>
    );
  return (
    <p className="button-row">
      <button
        type="button"
        className="button"
        onClick={() => setAsking("approve")}
        data-testid="approve"
      >
        {t("approve")}
      </button>{" "}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => setAsking("reject")}
        data-testid="reject"
      >
        {t("reject")}
      </button>
    </p>
  );
}
