import { useTranslation } from "react-i18next";
import type { Formats } from "./format";

interface Props {
  /** The page shown, from 1. */
  page: number;
  pages: number;
  fmt: Formats;
  onPage: (page: number) => void;
}

/** Previous and next under the outbox, with the page shown of how many (announced). */
export function OutboxPager({ page, pages, fmt, onPage }: Props) {
  const { t } = useTranslation("ws-monitoring");
  return (
    <nav className="ws-row mon-pager" aria-label={t("outbox.pages")}>
      <button
        type="button"
        className="button button--secondary"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
        data-testid="outbox-prev"
      >
        {t("outbox.prev")}
      </button>
      <span aria-live="polite" data-testid="outbox-page">
        {t("outbox.page", { page: fmt.count(page), pages: fmt.count(pages) })}
      </span>
      <button
        type="button"
        className="button button--secondary"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
        data-testid="outbox-next"
      >
        {t("outbox.next")}
      </button>
    </nav>
  );
}
