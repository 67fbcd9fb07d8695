import { useTranslation } from "react-i18next";
import { RESEND_WINDOW_MINUTES, type ContactRow } from "./api";
import { ConfirmDialog } from "./ConfirmDialog";
import { ContactTableRow } from "./ContactTableRow";
import { useContactActions } from "./use-contact-actions";

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

/**
 * Contacts in a table: masked number (revealed on request, audited), language,
 * neighbourhood, status, the opt-out with its undo where staff made it, and the
 * personal link sent again (same link) or replaced by a new one, each confirmed.
 */
export function ContactTable(props: Props) {
  const { slug, waveId, canSend, rows, caption, testId, canReveal, onChanged } = props;
  const { t } = useTranslation("ws-contacts");
  const { revealed, confirming, setConfirming, linkAction, setLinkAction, busy, error, ...act } =
    useContactActions(slug, waveId, onChanged);

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
            {rows.map((row) => (
              <ContactTableRow
                key={row.id}
                row={row}
                shown={revealed[row.id]}
                canSend={canSend}
                canReveal={canReveal}
                onReveal={() => void act.reveal(row)}
                onLinkAction={(kind) => setLinkAction({ row, kind })}
                onOptOut={() => setConfirming(row)}
                onUndo={() => void act.undo(row)}
              />
            ))}
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
        onConfirm={() => confirming && void act.optOut(confirming)}
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
          onConfirm={() => linkAction && void act.sendLink(linkAction.row, kind)}
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
