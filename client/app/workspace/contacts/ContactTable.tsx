import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../../../shared/locale";
import { errorMessage, postJson } from "../../../shared/api";
import type { ContactRow, OptOutState } from "./api";
import { ConfirmDialog } from "./ConfirmDialog";

interface Props {
  slug: string;
  locale: Locale;
  rows: ContactRow[];
  caption: string;
  testId: string;
  canReveal: boolean;
  /** Called after an opt-out or its undo, so every list on the page is read again. */
  onChanged: (message: string) => void;
}

type Revealed = { phone: string; name: string | null };

/** A number inside a sentence, isolated so right-to-left text does not reorder its digits. */
const isolate = (phone: string) => `\u2066${phone}\u2069`;

/**
 * Contacts in a table: masked number (revealed on request, audited), language,
 * neighbourhood, status, and the opt-out with its undo where staff made it.
 */
export function ContactTable({ slug, locale, rows, caption, testId, canReveal, onChanged }: Props) {
  const { t } = useTranslation("ws-contacts");
  const [revealed, setRevealed] = useState<Record<string, Revealed>>({});
  const [confirming, setConfirming] = useState<ContactRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
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
    </>
  );
}
