import "./admin.css";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, getJson } from "../../shared/api";
import { useAppLocale } from "../locale-context";
import { useJson } from "../use-json";
import { AuditFilterForm } from "./AuditFilterForm";
import { AUDIT_PAGE, auditUrl, NO_FILTERS, toCsv, type AuditFilters } from "./audit-query";
import { AuditTable, useActorLabel } from "./AuditTable";
import type { AccountRow, AuditRow, AuthorityOption } from "./types";

/**
 * `/workspace/audit`, admins only: the audit log, newest first, filtered by
 * person, action, authority and dates (or only accesses to personal data),
 * one page at a time, with the events shown downloadable as CSV.
 */
export function AuditPage() {
  const { t } = useTranslation("admin");
  const { locale } = useAppLocale();
  const actor = useActorLabel();
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
  const download = () => {
    const header = ["at", "who", "role", "action", "authority", "personal", "ip"];
    const rows = (events ?? []).map((e) => [
      e.at,
      actor(e),
      e.actor.role ?? "",
      t(`audit.actions.${e.action}`, { defaultValue: e.action }),
      e.authoritySlug ?? "",
      e.personal ? "1" : "0",
      e.ip ?? "",
    ]);
    const url = URL.createObjectURL(new Blob([toCsv([header, ...rows])], { type: "text/csv" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `audit-${new Date().toISOString().slice(0, 10)}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };

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
              <button
                type="button"
                className="button button--secondary"
                onClick={download}
                data-testid="audit-csv"
              >
                {t("audit.csv")}
              </button>
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
