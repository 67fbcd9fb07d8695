import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAppLocale } from "../../locale-context";
import { errorMessage, postJson } from "../../../shared/api";
import { RESEND_WINDOW_MINUTES, type ContactRow, type LinkSent, type OptOutState } from "./api";
import { ConfirmDialog } from "./ConfirmDialog";
import { fullTime, relativeTime } from "./time";

interface Props {
  slug: string;
  waveId: string;
  /** The wave is open for SMS: the link may be sent again or replaced. */
  canSend: boolean;
  rows: ContactRow[];
  caption: string;
  testId: string;
  canReveal: boolean;
  /** Called after an opt-out or its undo, so every list on the page is read again. */
  onChanged: (message: string) => void;
}

type Revealed = { phone: string; name: string | null };
type LinkAction = "resend" | "reissue";

/** Statuses whose link may still be sent: not answered, not bounced, not opted out. */
const SENDABLE = new Set(["not-invited", "queued", "invited", "opened", "started"]);

/** The last resend or reissue of a row, whichever came later. */
function lastLinkAction(row: ContactRow): { kind: LinkAction; at: string } | null {
  const { resentAt, linkReissuedAt } = row;
  if (linkReissuedAt && (!resentAt || linkReissuedAt >= resentAt))
    return { kind: "reissue", at: linkReissuedAt };
  return resentAt ? { kind: "resend", at: resentAt } : null;
}

/** A number inside a sentence, isolated so right-to-left text does not reorder its digits. */
const isolate = (phone: string) => `\u2066${phone}\u2069`;

/**
 * Contacts in a table: masked number (revealed on request, audited), language,
 * neighbourhood, status, the opt-out with its undo where staff made it, and the
 * personal link sent again (same link) or replaced by a new one, each confirmed.
 */
export function ContactTable(props: Props) {
  const { slug, waveId, canSend, rows, caption, testId, canReveal, onChanged } = props;
  const { locale } = useAppLocale();
  const { t } = useTranslation("ws-contacts");
  const [revealed, setRevealed] = useState<Record<string, Revealed>>({});
  const [confirming, setConfirming] = useState<ContactRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [linkAction, setLinkAction] = useState<{ row: ContactRow; kind: LinkAction } | null>(null);
  const api = `/api/authorities/${slug}/contacts`;

  const reveal = async (row: ContactRow) => {
    setError(null);
    try {
      const r = await postJson<Revealed & { id: string }>(`${api}/${row.id}/reveal?lang=${locale}`);
      setRevealed((m) => ({ ...m, [row.id]: { phone: r.phone, name: r.name } }));
    } catch (err) {
      setError(errorMessage(err, t));
    }
  };

  const optOut = async (row: ContactRow) => {
    setBusy(true);
    setError(null);
    try {
      await postJson<OptOutState>(`${api}/${row.id}/opt-out?lang=${locale}`);
      setConfirming(null);
      onChanged(t("optOut.done", { phone: isolate(row.phone) }));
    } catch (err) {
      setConfirming(null);
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  const sendLink = async (row: ContactRow, kind: LinkAction) => {
    setBusy(true);
    setError(null);
    const path = kind === "resend" ? "resend" : "reissue-link";
    try {
      await postJson<LinkSent>(
        `/api/authorities/${slug}/waves/${waveId}/contacts/${row.id}/${path}?lang=${locale}`,
      );
      setLinkAction(null);
      onChanged(t(`${kind}.done`, { phone: isolate(row.phone) }));
    } catch (err) {
      setLinkAction(null);
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  const undo = async (row: ContactRow) => {
    setError(null);
    try {
      await postJson<OptOutState>(`${api}/${row.id}/opt-out/undo?lang=${locale}`);
      onChanged(t("optOut.undone", { phone: isolate(row.phone) }));
    } catch (err) {
      setError(errorMessage(err, t));
    }
  };

  return (
    <>
      {error ? (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <div className="ws-table-wrap ct-table-wrap">
        <table className="ws-table ct-table" data-testid={testId}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("list.phone")}</th>
              <th scope="col">{t("list.language")}</th>
              <th scope="col">{t("list.neighbourhood")}</th>
              <th scope="col">{t("list.status")}</th>
              <th scope="col">{t("list.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const shown = revealed[row.id];
              const last = lastLinkAction(row);
              const sendable = canSend && !row.optedOut && SENDABLE.has(row.status);
              return (
                <tr key={row.id} data-testid={`contact-${row.id}`} data-status={row.status}>
                  <th scope="row" data-label={t("list.phone")}>
                    <bdi dir="ltr" className="ct-phone" data-testid="contact-phone">
                      {shown ? shown.phone : row.phone}
                    </bdi>
                    {shown?.name ? <span className="ct-name">{shown.name}</span> : null}
                  </th>
                  <td data-label={t("list.language")}>{t(`languages.${row.locale}`)}</td>
                  <td data-label={t("list.neighbourhood")}>{row.neighbourhood ?? "—"}</td>
                  <td data-label={t("list.status")}>
                    <span className={`ct-status ct-status--${row.status}`}>
                      {t(`status.${row.status}`)}
                    </span>
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
                      {canReveal && !shown ? (
                        <button
                          type="button"
                          className="ws-link-button"
                          onClick={() => void reveal(row)}
                          aria-label={t("list.revealOne", { phone: row.phone })}
                          data-testid="contact-reveal"
                        >
                          {t("list.reveal")}
                        </button>
                      ) : null}
                      {sendable ? (
                        <>
                          <button
                            type="button"
                            className="ws-link-button"
                            onClick={() => setLinkAction({ row, kind: "resend" })}
                            aria-label={t("resend.buttonOne", { phone: row.phone })}
                            data-testid="contact-resend"
                          >
                            {t("resend.button")}
                          </button>
                          <button
                            type="button"
                            className="ws-link-button"
                            onClick={() => setLinkAction({ row, kind: "reissue" })}
                            aria-label={t("reissue.buttonOne", { phone: row.phone })}
                            data-testid="contact-reissue"
                          >
                            {t("reissue.button")}
                          </button>
                        </>
                      ) : null}
                      {!row.optedOut ? (
                        <button
                          type="button"
                          className="ws-link-button ws-danger"
                          onClick={() => setConfirming(row)}
                          aria-label={t("optOut.buttonOne", { phone: row.phone })}
                          data-testid="contact-opt-out"
                        >
                          {t("optOut.button")}
                        </button>
                      ) : null}
                      {row.optOutBy === "staff" ? (
                        <button
                          type="button"
                          className="ws-link-button"
                          onClick={() => void undo(row)}
                          aria-label={t("optOut.undoOne", { phone: row.phone })}
                          data-testid="contact-opt-out-undo"
                        >
                          {t("optOut.undo")}
                        </button>
                      ) : null}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={confirming !== null}
        title={t("optOut.confirmTitle")}
        confirmLabel={t("optOut.confirm")}
        cancelLabel={t("cancel")}
        danger
        busy={busy}
        testId={`${testId}-opt-out-dialog`}
        onConfirm={() => confirming && void optOut(confirming)}
        onCancel={() => setConfirming(null)}
      >
        <p>{t("optOut.confirmBody")}</p>
        <p className="ct-dialog__phone">
          <bdi dir="ltr">{confirming?.phone}</bdi>
        </p>
        <p className="ws-small ws-muted">{t("optOut.confirmNote")}</p>
      </ConfirmDialog>
      {(["resend", "reissue"] as const).map((kind) => (
        <ConfirmDialog
          key={kind}
          open={linkAction?.kind === kind}
          title={t(`${kind}.confirmTitle`)}
          confirmLabel={t(`${kind}.confirm`)}
          cancelLabel={t("cancel")}
          danger={kind === "reissue"}
          busy={busy}
          testId={`${testId}-${kind}-dialog`}
          onConfirm={() => linkAction && void sendLink(linkAction.row, kind)}
          onCancel={() => setLinkAction(null)}
        >
          <p>{t(`${kind}.confirmBody`)}</p>
          <p className="ct-dialog__phone">
            <bdi dir="ltr">{linkAction?.row.phone}</bdi>
          </p>
          <p className="ws-small ws-muted">
            {t(`${kind}.confirmNote`, { minutes: RESEND_WINDOW_MINUTES })}
          </p>
        </ConfirmDialog>
      ))}
    </>
  );
}
