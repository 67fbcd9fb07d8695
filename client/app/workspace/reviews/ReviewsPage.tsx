import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, getJson } from "../../../shared/api";
import { ReviewButtons } from "../../participation/ReviewButtons";
import { addParticipationStrings } from "../../participation/strings";
import { useAppLocale } from "../../locale-context";

interface Pending {
  id: string;
  date: string;
  text: { he: string | null; ar: string | null; en: string | null };
  authority: { slug: string; name: string };
}

interface Queue {
  counts: { submitted: number; approved: number; rejected: number };
  pending: Pending[];
}

const LANGS = ["he", "ar", "en"] as const;

/**
 * `/workspace/reviews`: every authority's "you said, we did" entries awaiting a
 * researcher's review, oldest first, each in every language it was written in,
 * with the counts per status.
 */
export function ReviewsPage() {
  const { t, i18n } = useTranslation("participation");
  const { locale } = useAppLocale();
  addParticipationStrings(i18n);
  const [queue, setQueue] = useState<Queue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState("");

  const reload = useCallback(() => {
    getJson<Queue>(`/api/updates/review-queue?lang=${locale}`).then(setQueue, (e: unknown) =>
      setError(errorMessage(e, t)),
    );
  }, [locale, t]);
  useEffect(reload, [reload]);

  if (error)
    return (
      <p role="alert" className="notice notice--error">
        {error}
      </p>
    );
  if (!queue) return <p role="status">{t("common:loading")}</p>;
  return (
    <div className="ws-reviews">
      <p data-testid="review-counts">{t("queue.counts", queue.counts)}</p>
      <p role="status">{notice}</p>
      {queue.pending.length === 0 ? <p>{t("queue.empty")}</p> : null}
      <ul className="update-list" data-testid="review-queue">
        {queue.pending.map((u) => (
          <li key={u.id} data-testid="review-item">
            <p>
              <strong>{t("queue.written", { authority: u.authority.name, date: u.date })}</strong>
            </p>
            {LANGS.filter((l) => u.text[l]).map((l) => (
              <p key={l}>
                <span className="ws-reviews-lang">{t(`queue.lang.${l}`)}: </span>
                <span lang={l} dir={l === "en" ? "ltr" : "rtl"}>
                  {u.text[l]}
                </span>
              </p>
            ))}
            <ReviewButtons
              id={u.id}
              authority={u.authority.name}
              onReviewed={(decision) => {
                setNotice(t(decision === "approve" ? "queue.approved" : "queue.rejected"));
                reload();
              }}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
