import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAppLocale } from "../../locale-context";
import { LoadFailed } from "../../LoadFailed";
import { useJson } from "../../use-json";
import { waveApi, type ContactRow } from "./api";
import { ContactPager } from "./ContactPager";
import { ContactSearch } from "./ContactSearch";
import { ContactTable } from "./ContactTable";

/** What the contact lists of a wave page are given. */
export interface ContactListProps {
  slug: string;
  waveId: string;
  canReveal: boolean;
  /** The wave is open for SMS: links may be sent again or replaced. */
  canSend: boolean;
  /** Bumped by the page after an import or an opt-out: the list is read again. */
  version: number;
  onChanged: (message: string) => void;
}

/** One page of a wave's contacts, and how many there are in all. */
export type ContactPage = { total: number; contacts: ContactRow[] };

const PAGE_SIZE = 20;

/** The wave's contacts: search by a whole number or a neighbourhood, filter by status, a page at a time. */
export function ContactList(props: ContactListProps) {
  const { slug, waveId, canReveal, canSend, version, onChanged } = props;
  const { locale } = useAppLocale();
  const { t } = useTranslation("ws-contacts");
  const headingId = useId();
  const [query, setQuery] = useState({ q: "", status: "", page: 0 });
  const params = new URLSearchParams({
    lang: locale,
    limit: String(PAGE_SIZE),
    skip: String(query.page * PAGE_SIZE),
    v: String(version),
  });
  if (query.q) params.set("q", query.q);
  if (query.status) params.set("status", query.status);
  const [state, retry] = useJson<ContactPage>(`${waveApi(slug, waveId)}/contacts?${params}`);

  const pages = state.kind === "ready" ? Math.max(1, Math.ceil(state.data.total / PAGE_SIZE)) : 1;
  const from = query.page * PAGE_SIZE + 1;
  return (
    <section className="ct-panel" aria-labelledby={headingId} data-testid="contacts-list">
      <h3 id={headingId}>{t("list.title")}</h3>
      <p className="notice ct-audit-note" data-testid="reveal-logged">
        {canReveal ? t("list.revealLogged") : t("list.masked")}
      </p>
      <ContactSearch onSearch={(filter) => setQuery({ ...filter, page: 0 })} />

      {state.kind === "failed" ? <LoadFailed error={state.error} onRetry={retry} /> : null}
      {state.kind === "loading" ? <p role="status">{t("common:loading")}</p> : null}
      {state.kind === "ready" ? (
        <>
          <p role="status" aria-live="polite" data-testid="contacts-count">
            {state.data.total === 0
              ? t(query.q || query.status ? "list.noMatch" : "list.empty")
              : t("list.showing", {
                  from,
                  to: from + state.data.contacts.length - 1,
                  count: state.data.total,
                })}
          </p>
          {state.data.contacts.length > 0 ? (
            <ContactTable
              slug={slug}
              waveId={waveId}
              canSend={canSend}
              rows={state.data.contacts}
              caption={t("list.title")}
              testId="contacts-table"
              canReveal={canReveal}
              onChanged={onChanged}
            />
          ) : null}
          {pages > 1 ? (
            <ContactPager
              page={query.page}
              pages={pages}
              onPage={(page) => setQuery({ ...query, page })}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}
