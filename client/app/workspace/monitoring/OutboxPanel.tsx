import { useEffect, useId, useRef, useState } from "react";
import { ScrollTable } from "./ScrollTable";
import { useTranslation } from "react-i18next";
import type { Formats } from "./format";
import { OutboxPager } from "./OutboxPager";
import { OutboxRow } from "./OutboxRow";
import type { MessageStatus, OutboxPage } from "./types";
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
            <OutboxRow key={m.reference} message={m} fmt={fmt} />
          ))}
        </ScrollTable>
      )}
      {data && data.total > data.limit ? (
        <OutboxPager page={page} pages={pages} fmt={fmt} onPage={setPage} />
      ) : null}
    </section>
  );
}
