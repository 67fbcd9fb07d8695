import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { CONTACT_STATUSES, type ContactStatus } from "./api";

/** What the list is asked for: a whole number or a neighbourhood, and a status ("" for all). */
export interface ContactFilter {
  q: string;
  status: string;
}

/** The search and status filter above the contacts; applied on submit, not per keystroke. */
export function ContactSearch({ onSearch }: { onSearch: (filter: ContactFilter) => void }) {
  const { t } = useTranslation("ws-contacts");
  const searchId = useId();
  const statusId = useId();
  const [draft, setDraft] = useState<ContactFilter>({ q: "", status: "" });
  return (
    <form
      className="ct-search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(draft);
      }}
    >
      <div className="ct-field">
        <label htmlFor={searchId}>{t("list.search")}</label>
        <input
          id={searchId}
          type="search"
          value={draft.q}
          maxLength={80}
          onChange={(e) => setDraft({ ...draft, q: e.currentTarget.value })}
          aria-describedby={`${searchId}-help`}
          data-testid="contacts-search"
        />
        <span id={`${searchId}-help`} className="ws-small ws-muted">
          {t("list.searchHelp")}
        </span>
      </div>
      <div className="ct-field">
        <label htmlFor={statusId}>{t("list.statusFilter")}</label>
        <select
          id={statusId}
          value={draft.status}
          onChange={(e) => setDraft({ ...draft, status: e.currentTarget.value })}
          data-testid="contacts-status-filter"
        >
          <option value="">{t("list.allStatuses")}</option>
          {CONTACT_STATUSES.map((s: ContactStatus) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" data-testid="contacts-search-submit">
        {t("list.searchButton")}
      </button>
    </form>
  );
}
