/** The audit screen's filters, as the form holds them (empty string: not filtered). */
export interface AuditFilters {
  actor: string;
  action: string;
  authority: string;
  from: string;
  to: string;
  personal: boolean;
}

export const NO_FILTERS: AuditFilters = {
  actor: "",
  action: "",
  authority: "",
  from: "",
  to: "",
  personal: false,
};

/** Events per page of the audit screen. */
export const AUDIT_PAGE = 50;

/** The filters as query parameters, in the request's language. */
function filterParams(filters: AuditFilters, locale: string): URLSearchParams {
  const q = new URLSearchParams({ lang: locale });
  if (filters.actor) q.set("actor", filters.actor);
  if (filters.action) q.set("action", filters.action);
  if (filters.authority) q.set("authority", filters.authority);
  if (filters.from) q.set("from", filters.from);
  if (filters.to) q.set("to", filters.to);
  if (filters.personal) q.set("personal", "true");
  return q;
}

/** The `/api/audit` address of one page: the filters, and the last event already shown. */
export function auditUrl(
  filters: AuditFilters,
  locale: string,
  after?: { at: string; id: string },
): string {
  const q = filterParams(filters, locale);
  q.set("limit", String(AUDIT_PAGE));
  if (after) {
    q.set("before", after.at);
    q.set("beforeId", after.id);
  }
  return `/api/audit?${q.toString()}`;
}

/** The server's file of every event the filters match (not only the pages shown). */
export function auditCsvUrl(filters: AuditFilters, locale: string): string {
  return `/api/audit.csv?${filterParams(filters, locale).toString()}`;
}
