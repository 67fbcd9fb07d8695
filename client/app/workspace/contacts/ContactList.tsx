import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAppLocale } from "../../locale-context";
import { LoadFailed } from "../../LoadFailed";
import { useJson } from "../../use-json";
import { CONTACT_STATUSES, waveApi, type ContactRow, type ContactStatus } from "./api";
import { ContactTable } from "./ContactTable";

interface Props {
  slug: string;
  waveId: string;
  canReveal: boolean;
  /** The wave is open for SMS: links may be sent again or replaced. */
  canSend: boolean;
  /** Bumped by the page after an import or an opt-out: the list is read again. */
  version: number;
  onChanged: (message: string) => void;
}

type Page = { total: number; contacts: ContactRow[] };

const PAGE_SIZE = 20;

/** The wave's contacts: search by a whole number or a neighbourhood, filter by status, a page at a time. */
export function ContactList(props: Props) {
  const { slug, waveId, canReveal, canSend, version, onChanged } = props;
  const { locale } = useAppLocale();
  const { t } = useTranslation("ws-contacts");
  const searchId = useId();
  const statusId = useId();
  const [draft, setDraft] = useState({ q: "", status: "" });
  const [query, setQuery] = useState({ q: "", status: "", page: 0 });
  const params = new URLSearchParams({
    lang: locale,
    limit: String(PAGE_SIZE),
    skip: String(query.page * PAGE_SIZE),
    v: String(version),
  });
  if (query.q) params.set("q", query.q);
  if (query.status) params.set("status", query.status);
  const [state, retry] = useJson<Page>(`${waveApi(slug, waveId)}/contacts?${params}`);

  const pages = state.kind === "ready" ? Math.max(1, Math.ceil(state.data.total / PAGE_SIZE)) : 1;
  const from = query.page * PAGE_SIZE + 1;
  return (
    <section className="ct-panel" aria-labelledby={`${searchId}-h`} data-testid="contacts-list">
      <h3 id={`${searchId}-h`}>{t("list.title")}</h3>
      <p className="notice ct-audit-note" data-testid="reveal-logged">
        {canReveal ? t("list.revealLogged") : t("list.masked")}
      </p>
      <form
        className="ct-search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ ...draft, page: 0 });
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
            <nav className="ws-row ct-pager" aria-label={t("list.pages")}>
              <button
                type="button"
                className="button button--secondary"
                disabled={query.page === 0}
                onClick={() => setQuery({ ...query, page: query.page - 1 })}
                data-testid="contacts-prev"
              >
                {t("list.previous")}
              </button>
              <span>{t("list.page", { page: query.page + 1, pages })}</span>
              <button
                type="button"
                className="button button--secondary"
                disabled={query.page + 1 >= pages}
                onClick={() => setQuery({ ...query, page: query.page + 1 })}
                data-testid="contacts-next"
              >
                {t("list.next")}
              </button>
            </nav>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** The wave's opt-outs on their own, with the undo of those staff made. */
export function OptOutList(props: Omit<Props, "canSend">) {
  const { t } = useTranslation("ws-contacts");
  const { slug, waveId, version } = props;
  const { locale } = useAppLocale();
  const [state, retry] = useJson<Page>(
    `${waveApi(slug, waveId)}/contacts?lang=${locale}&status=opted-out&limit=50&v=${version}`,
  );
  return (
    <section className="ct-panel" aria-labelledby="ct-optouts-h" data-testid="contacts-opt-outs">
      <h3 id="ct-optouts-h">{t("optOut.title")}</h3>
      <p className="ws-small ws-muted">{t("optOut.intro")}</p>
      {state.kind === "failed" ? <LoadFailed error={state.error} onRetry={retry} /> : null}
      {state.kind === "ready" ? (
        state.data.total === 0 ? (
          <p data-testid="opt-outs-count">{t("optOut.none")}</p>
        ) : (
          <>
            <p data-testid="opt-outs-count">{t("optOut.count", { count: state.data.total })}</p>
            <ContactTable
              slug={slug}
              waveId={waveId}
              canSend={false}
              rows={state.data.contacts}
              caption={t("optOut.title")}
              testId="opt-outs-table"
              canReveal={props.canReveal}
              onChanged={props.onChanged}
            />
          </>
        )
      ) : null}
    </section>
  );
}
