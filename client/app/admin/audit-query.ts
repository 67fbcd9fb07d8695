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

/** The `/api/audit` address of one page: the filters, and the last event already shown. */
export function auditUrl(
  filters: AuditFilters,
  locale: string,
  after?: { at: string; id: string },
): string {
  const q = new URLSearchParams({ lang: locale, limit: String(AUDIT_PAGE) });
  if (filters.actor) q.set("actor", filters.actor);
  if (filters.action) q.set("action", filters.action);
  if (filters.authority) q.set("authority", filters.authority);
  if (filters.from) q.set("from", filters.from);
  if (filters.to) q.set("to", filters.to);
  if (filters.personal) q.set("personal", "true");
  if (after) {
    q.set("before", after.at);
    q.set("beforeId", after.id);
  }
  return `/api/audit?${q.toString()}`;
}

/** One CSV field, quoted when it must be; a leading formula sign is neutralised. */
function field(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The rows shown, as CSV (header first, CRLF lines, a BOM so spreadsheets read Hebrew and Arabic). */
export function toCsv(rows: string[][]): string {
  return `\uFEFF${rows.map((r) => r.map(field).join(",")).join("\r\n")}\r\n`;
}
