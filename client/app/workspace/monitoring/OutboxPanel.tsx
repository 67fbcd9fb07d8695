import { useEffect, useId, useRef, useState } from "react";
import type { TFunction } from "i18next";
import { ScrollTable } from "./ScrollTable";
import { useTranslation } from "react-i18next";
import type { Formats } from "./format";
import type { MessageStatus, OutboxMessage, OutboxPage } from "./types";
import { useLive } from "./use-live";
import { useAppLocale } from "../../locale-context";

const PAGE_SIZE = 20;

interface Props {
  slug: string;
  waveId: string;
  paused: boolean;
  fmt: Formats;
  /** Bumped by the page's "refresh now", so the outbox follows it. */
  refreshKey: number;
}

/** The message's latest time that matters: delivered, else sent, else when it was queued. */
function timeline(m: OutboxMessage, fmt: Formats, t: TFunction<"ws-monitoring">) {
  const lines = [t("outbox.queuedAt", { time: fmt.dateTime(m.queuedAt) })];
  // A held message says why it waits (night, Shabbat, holiday, paused); a retry has no reason.
  if (m.status === "queued" && m.heldReason)
    lines.push(t(`outbox.held.${m.heldReason}`, { time: fmt.dateTime(m.notBefore) }));
  else if (m.status === "queued" && m.notBefore > m.queuedAt)
    lines.push(t("outbox.notBefore", { time: fmt.dateTime(m.notBefore) }));
  if (m.sentAt) lines.push(t("outbox.sentAt", { time: fmt.dateTime(m.sentAt) }));
  if (m.deliveredAt) lines.push(t("outbox.deliveredAt", { time: fmt.dateTime(m.deliveredAt) }));
  return lines;
}

/**
 * The wave's SMS messages with their delivery status, filterable by status and
 * a page at a time; times in Israel time, numbers masked. Where the local
 * outbox stored the text (development and demos), it opens under the row.
 */
export function OutboxPanel({ slug, waveId, paused, fmt, refreshKey }: Props) {
  const { t } = useTranslation("ws-monitoring");
  const { locale } = useAppLocale();
  const [status, setStatus] = useState<MessageStatus | "">("");
  const [page, setPage] = useState(1);
  const url =
    `/api/authorities/${slug}/sms-outbox?wave=${waveId}&page=${page}&limit=${PAGE_SIZE}` +
    `${status ? `&status=${status}` : ""}&lang=${locale}`;
  const live = useLive<OutboxPage>(url, paused);
  const { refresh } = live;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else refresh();
  }, [refreshKey, refresh]);
  const filterId = useId();
  const data = live.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.limit)) : 1;
  const statuses = data ? (Object.keys(data.byStatus) as MessageStatus[]) : [];
  const all = data ? Object.values(data.byStatus).reduce((a, b) => a + b, 0) : 0;

  return (
    <section className="mon-card mon-card--wide" aria-labelledby="mon-outbox-title">
      <h3 id="mon-outbox-title">{t("outbox.title")}</h3>
      <p className="ws-small ws-muted">{t("outbox.intro")}</p>
      <div className="ws-filters">
        <label htmlFor={filterId}>{t("outbox.filter")}</label>
        <select
          id={filterId}
          value={status}
          data-testid="outbox-status"
          onChange={(e) => {
            setStatus(e.target.value as MessageStatus | "");
            setPage(1);
          }}
        >
          <option value="">{t("outbox.allStatuses", { n: fmt.count(all) })}</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t("outbox.statusCount", {
                status: t(`status.${s}`),
                n: fmt.count(data?.byStatus[s] ?? 0),
              })}
            </option>
          ))}
        </select>
      </div>
      {live.error && !data ? (
        <p className="notice notice--error" role="alert">
          {t("outbox.failed")}
        </p>
      ) : !data ? (
        <p role="status">{t("common:loading")}</p>
      ) : data.messages.length === 0 ? (
        <p className="notice" data-testid="outbox-empty">
          {status ? t("outbox.noneInStatus") : t("outbox.none")}
        </p>
      ) : (
        <ScrollTable
          labelledBy="mon-outbox-title"
          testId="outbox-table"
          className="mon-outbox"
          headers={[
            t("outbox.col.to"),
            t("outbox.col.kind"),
            t("outbox.col.status"),
            t("outbox.col.times"),
            t("outbox.col.details"),
          ]}
        >
          {data.messages.map((m) => (
            <tr key={m.reference} data-testid="outbox-row" data-status={m.status}>
              <th scope="row">
                <bdi dir="ltr" className="mon-phone">
                  {m.to}
                </bdi>
              </th>
              <td>
                {m.kind === "invitation"
                  ? t("outbox.invitation")
                  : t("outbox.reminder", { n: fmt.count(m.seq) })}
              </td>
              <td>
                <span className={`mon-delivery mon-delivery--${m.status}`}>
                  <span aria-hidden="true">{STATUS_MARK[m.status]} </span>
                  {t(`status.${m.status}`)}
                </span>
                {m.cancelReason ? (
                  <span className="ws-small ws-muted mon-reason">
                    {t(`cancelReason.${m.cancelReason}`, { defaultValue: m.cancelReason })}
                  </span>
                ) : null}
              </td>
              <td className="ws-small">
                {timeline(m, fmt, t).map((line) => (
                  <span key={line} className="mon-line">
                    {line}
                  </span>
                ))}
              </td>
              <td className="ws-small">
                {m.attempts > 1 ? (
                  <span className="mon-line">
                    {t("outbox.attempts", { count: m.attempts, n: fmt.count(m.attempts) })}
                  </span>
                ) : null}
                {m.segments ? (
                  <span className="mon-line">
                    {t("outbox.segments", { count: m.segments, n: fmt.count(m.segments) })}
                  </span>
                ) : null}
                {m.text ? (
                  <details>
                    <summary>{t("outbox.text")}</summary>
                    <p className="mon-text" dir="auto" data-testid="outbox-text">
                      {m.text}
                    </p>
                  </details>
                ) : null}
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
      {data && data.total > data.limit ? (
        <nav className="ws-row mon-pager" aria-label={t("outbox.pages")}>
          <button
            type="button"
            className="button button--secondary"
            disabled={page <= 1}
            onClick={() => setPage((p) => p - 1)}
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
            onClick={() => setPage((p) => p + 1)}
            data-testid="outbox-next"
          >
            {t("outbox.next")}
          </button>
        </nav>
      ) : null}
    </section>
  );
}

/** A shape per outcome, so the status reads without colour too (the word is always there). */
const STATUS_MARK: Record<MessageStatus, string> = {
  queued: "◷",
  sending: "↗",
  sent: "✓",
  delivered: "✓✓",
  failed: "✕",
  bounced: "↩",
  cancelled: "–",
};
