import { useTranslation } from "react-i18next";
import { useAppLocale } from "../locale-context";
import { ReviewButtons } from "./ReviewButtons";
import type { Update } from "./use-participation";

interface Props {
  slug: string;
  updates: Update[] | null;
  /** Researchers and admins approve or reject entries waiting for review. */
  reviewer: boolean;
  onReviewed: (decision: "approve" | "reject") => void;
}

/** The authority's "you said, we did" entries, each with its review status. */
export function UpdateList({ slug, updates, reviewer, onReviewed }: Props) {
  const { t } = useTranslation("participation");
  const { locale } = useAppLocale();
  return (
    <ul className="update-list" data-testid="updates-list">
      {(updates ?? []).map((u) => (
        <li key={u.id} data-testid="update-item">
          <p>
            <strong>{u.date}</strong> · {t(`updateStatus.${u.status}`)}
          </p>
          <p>{u.text[locale] ?? u.text.he ?? u.text.ar ?? u.text.en}</p>
          {reviewer && u.status === "submitted" ? (
            <ReviewButtons id={u.id} authority={slug} onReviewed={onReviewed} />
          ) : null}
        </li>
      ))}
    </ul>
  );
}
