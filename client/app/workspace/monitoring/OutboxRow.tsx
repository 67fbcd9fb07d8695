import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Formats } from "./format";
import type { MessageStatus, OutboxMessage } from "./types";

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
 * One SMS message in the outbox: the masked number, invitation or which
 * reminder, its status (with why it was cancelled), its times, attempts and
 * parts, and its text where the local outbox stored it.
 */
export function OutboxRow({ message: m, fmt }: { message: OutboxMessage; fmt: Formats }) {
  const { t } = useTranslation("ws-monitoring");
  return (
    <tr data-testid="outbox-row" data-status={m.status}>
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
