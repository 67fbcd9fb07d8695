import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, postJson } from "../../../shared/api";
import { useAppLocale } from "../../locale-context";
import type { ContactRow, LinkSent, OptOutState } from "./api";

/** A revealed contact: the number in full and the name, read on request (audited). */
export type Revealed = { phone: string; name: string | null };
/** Sending the same personal link again, or replacing it with a new one. */
export type LinkAction = "resend" | "reissue";

/** A number inside a sentence, isolated so right-to-left text does not reorder its digits. */
const isolate = (phone: string) => `\u2066${phone}\u2069`;

/**
 * What staff may do to one contact of a wave (reveal, opt out and undo, send
 * the link again or replace it), with the state the table shows around it:
 * the numbers revealed, the row awaiting confirmation, and the last error.
 * `onChanged` gets the sentence to announce after a change, so every list on
 * the page is read again.
 */
export function useContactActions(
  slug: string,
  waveId: string,
  onChanged: (message: string) => void,
) {
  const { locale } = useAppLocale();
  const { t } = useTranslation("ws-contacts");
  const [revealed, setRevealed] = useState<Record<string, Revealed>>({});
  const [confirming, setConfirming] = useState<ContactRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [linkAction, setLinkAction] = useState<{ row: ContactRow; kind: LinkAction } | null>(null);
  const api = `/api/authorities/${slug}/contacts`;

  /** Runs one request; a failure is shown above the table, and a dialog closes either way. */
  const run = async (request: () => Promise<void>, closes: boolean) => {
    if (closes) setBusy(true);
    setError(null);
    try {
      await request();
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      if (closes) {
        setConfirming(null);
        setLinkAction(null);
        setBusy(false);
      }
    }
  };

  const reveal = (row: ContactRow) =>
    run(async () => {
      const r = await postJson<Revealed & { id: string }>(`${api}/${row.id}/reveal?lang=${locale}`);
      setRevealed((m) => ({ ...m, [row.id]: { phone: r.phone, name: r.name } }));
    }, false);

  const optOut = (row: ContactRow) =>
    run(async () => {
      await postJson<OptOutState>(`${api}/${row.id}/opt-out?lang=${locale}`);
      onChanged(t("optOut.done", { phone: isolate(row.phone) }));
    }, true);

  const undo = (row: ContactRow) =>
    run(async () => {
      await postJson<OptOutState>(`${api}/${row.id}/opt-out/undo?lang=${locale}`);
      onChanged(t("optOut.undone", { phone: isolate(row.phone) }));
    }, false);

  const sendLink = (row: ContactRow, kind: LinkAction) =>
    run(async () => {
      const path = kind === "resend" ? "resend" : "reissue-link";
      await postJson<LinkSent>(
        `/api/authorities/${slug}/waves/${waveId}/contacts/${row.id}/${path}?lang=${locale}`,
      );
      onChanged(t(`${kind}.done`, { phone: isolate(row.phone) }));
    }, true);

  return {
    revealed,
    confirming,
    setConfirming,
    linkAction,
    setLinkAction,
    busy,
    error,
    reveal,
    optOut,
    undo,
    sendLink,
  };
}
