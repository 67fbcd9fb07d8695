import { useTranslation } from "react-i18next";
import { useAppLocale } from "../../locale-context";
import type { ContactRow } from "./api";
import { fullTime, relativeTime } from "./time";
import type { LinkAction, Revealed } from "./use-contact-actions";

/** Statuses whose link may still be sent: not answered, not bounced, not opted out. */
const SENDABLE = new Set(["not-invited", "queued", "invited", "opened", "started"]);

/** The last resend or reissue of a row, whichever came later. */
function lastLinkAction(row: ContactRow): { kind: LinkAction; at: string } | null {
  const { resentAt, linkReissuedAt } = row;
  if (linkReissuedAt && (!resentAt || linkReissuedAt >= resentAt))
    return { kind: "reissue", at: linkReissuedAt };
  return resentAt ? { kind: "resend", at: resentAt } : null;
}

interface Props {
  row: ContactRow;
  /** The number and name in full, once revealed. */
  shown: Revealed | undefined;
  /** The wave is open for SMS: the link may be sent again or replaced. */
  canSend: boolean;
  canReveal: boolean;
  onReveal: () => void;
  onLinkAction: (kind: LinkAction) => void;
  onOptOut: () => void;
  onUndo: () => void;
}

/**
 * One contact: masked number (or the revealed one), language, neighbourhood,
 * status with who opted out and when the link was last sent, and the actions
 * the row allows. Each cell carries its column's name for the phone layout.
 */
export function ContactTableRow({ row, shown, canSend, canReveal, ...on }: Props) {
  const { locale } = useAppLocale();
  const { t } = useTranslation("ws-contacts");
  const last = lastLinkAction(row);
  const sendable = canSend && !row.optedOut && SENDABLE.has(row.status);
  const action = (key: string, testId: string, onClick: () => void, danger = false) => (
    <button
      type="button"
      className={danger ? "ws-link-button ws-danger" : "ws-link-button"}
      onClick={onClick}
      aria-label={t(`${key}One`, { phone: row.phone })}
      data-testid={testId}
    >
      {t(key)}
    </button>
  );
  return (
    <tr data-testid={`contact-${row.id}`} data-status={row.status}>
      <th scope="row" data-label={t("list.phone")}>
        <bdi dir="ltr" className="ct-phone" data-testid="contact-phone">
          {shown ? shown.phone : row.phone}
        </bdi>
        {shown?.name ? <span className="ct-name">{shown.name}</span> : null}
      </th>
      <td data-label={t("list.language")}>{t(`languages.${row.locale}`)}</td>
      <td data-label={t("list.neighbourhood")}>{row.neighbourhood ?? "—"}</td>
      <td data-label={t("list.status")}>
        <span className={`ct-status ct-status--${row.status}`}>{t(`status.${row.status}`)}</span>
        {row.optOutBy ? (
          <span className="ct-by ws-small">{t(`optOut.by.${row.optOutBy}`)}</span>
        ) : null}
        {last ? (
          <span className="ct-by ws-small" data-testid="contact-link-sent">
            {t(`${last.kind}.when`, { when: relativeTime(last.at, locale) })}{" "}
            <span className="visually-hidden">({fullTime(last.at, locale)})</span>
          </span>
        ) : null}
      </td>
      <td data-label={t("list.actions")}>
        <div className="ct-actions">
          {canReveal && !shown ? action("list.reveal", "contact-reveal", on.onReveal) : null}
          {sendable ? (
            <>
              {action("resend.button", "contact-resend", () => on.onLinkAction("resend"))}
              {action("reissue.button", "contact-reissue", () => on.onLinkAction("reissue"))}
            </>
          ) : null}
          {!row.optedOut ? action("optOut.button", "contact-opt-out", on.onOptOut, true) : null}
          {row.optOutBy === "staff"
            ? action("optOut.undo", "contact-opt-out-undo", on.onUndo)
            : null}
        </div>
      </td>
    </tr>
  );
}
