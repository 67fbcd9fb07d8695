import "./admin.css";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, getJson } from "../../shared/api";
import { useAppLocale } from "../locale-context";
import { useJson } from "../use-json";
import { AuditFilterForm } from "./AuditFilterForm";
import { AUDIT_PAGE, auditCsvUrl, auditUrl, NO_FILTERS, type AuditFilters } from "./audit-query";
import { AuditTable } from "./AuditTable";
import type { AccountRow, AuditRow, AuthorityOption } from "./types";

/**
 * `/workspace/audit`, admins only: the audit log, newest first, filtered by
 * person, action, authority and dates (or only accesses to personal data),
 * one page at a time; every matching event downloads as CSV from the server.
 */
export function AuditPage() {
  const { t } = useTranslation("admin");
  const { locale } = useAppLocale();
  const [people] = useJson<AccountRow[]>(`/api/users?lang=${locale}`);
  const [authorities] = useJson<AuthorityOption[]>(`/api/authorities?lang=${locale}`);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [events, setEvents] = useState<AuditRow[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (after?: AuditRow) => {
      setError(null);
      try {
        const page = await getJson<AuditRow[]>(auditUrl(filters, locale, after));
        setEvents((old) => (after && old ? [...old, ...page] : page));
        setMore(page.length === AUDIT_PAGE);
      } catch (err) {
        setError(errorMessage(err, t));
      }
    },
    [filters, locale, t],
  );
  useEffect(() => void load(), [load]);

  const places = authorities.kind === "ready" ? authorities.data : [];
  return (
    <div className="adm-audit" data-testid="audit-page">
      <p>{t("audit.intro")}</p>
      <AuditFilterForm
        initial={filters}
        people={people.kind === "ready" ? people.data : []}
        authorities={places}
        onApply={setFilters}
      />
      {error ? (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      ) : null}
      {events === null ? (
        <p role="status">{t("common:loading")}</p>
      ) : (
        <>
          <div className="ws-row">
            <p role="status" data-testid="audit-count">
              {events.length === 0 ? t("audit.none") : t("audit.shown", { count: events.length })}
            </p>
            {events.length > 0 ? (
              <a
                className="button button--secondary"
                href={auditCsvUrl(filters, locale)}
                download
                data-testid="audit-csv"
              >
                {t("audit.csv")}
              </a>
            ) : null}
          </div>
          {events.length > 0 ? <AuditTable events={events} authorities={places} /> : null}
          {more ? (
            <button
              type="button"
              className="button"
              onClick={() => void load(events[events.length - 1])}
              data-testid="audit-more"
            >
              {t("audit.more")}
            </button>
          ) : events.length > 0 ? (
            <p>{t("audit.end")}</p>
          ) : null}
        </>
      )}
    </div>
  );
}
