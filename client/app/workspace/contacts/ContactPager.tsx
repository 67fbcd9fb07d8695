import { useTranslation } from "react-i18next";

interface Props {
  /** The page shown, from 0. */
  page: number;
  pages: number;
  onPage: (page: number) => void;
}

/** Previous and next under the contacts, with the page shown of how many. */
export function ContactPager({ page, pages, onPage }: Props) {
  const { t } = useTranslation("ws-contacts");
  return (
    <nav className="ws-row ct-pager" aria-label={t("list.pages")}>
      <button
        type="button"
        className="button button--secondary"
        disabled={page === 0}
        onClick={() => onPage(page - 1)}
        data-testid="contacts-prev"
      >
        {t("list.previous")}
      </button>
      <span>{t("list.page", { page: page + 1, pages })}</span>
      <button
        type="button"
        className="button button--secondary"
        disabled={page + 1 >= pages}
        onClick={() => onPage(page + 1)}
        data-testid="contacts-next"
      >
        {t("list.next")}
      </button>
    </nav>
  );
}
