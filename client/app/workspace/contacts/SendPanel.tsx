import { useTranslation } from "react-i18next";
import { hrefOf, wavePath } from "../routes";
import type { WaveView } from "./api";
import { ConfirmDialog } from "./ConfirmDialog";
import { SendConfirmation } from "./SendConfirmation";
import { useInvitationSend } from "./use-invitation-send";
import { useAppLocale } from "../../locale-context";

interface Props {
  slug: string;
  waveId: string;
  wave: WaveView;
  onSent: () => void;
}

/**
 * Sending the wave's invitations: a confirmation that says how many will be
 * queued and shows the SMS as residents will get it (in each language), then
 * what was queued, with the way to the wave's monitoring.
 */
export function SendPanel({ slug, waveId, wave, onSent }: Props) {
  const { t } = useTranslation("ws-contacts");
  const { locale } = useAppLocale();
  const { step, prepare, send, cancel } = useInvitationSend(slug, waveId, onSent);
  const canSend = wave.status === "open" && wave.channels.includes("sms");
  const open = step.kind === "confirm" || step.kind === "sending";

  return (
    <section className="ct-panel" aria-labelledby="ct-send-h" data-testid="contacts-send">
      <h3 id="ct-send-h">{t("send.title")}</h3>
      <p className="ws-small ws-muted">{canSend ? t("send.intro") : t("send.notOpen")}</p>
      <button
        type="button"
        className="button"
        disabled={!canSend || step.kind === "preparing" || open}
        onClick={() => void prepare()}
        data-testid="send-invitations"
      >
        {step.kind === "preparing" ? t("send.preparing") : t("send.button")}
      </button>
      <div aria-live="polite">
        {step.kind === "sent" ? (
          <div className="notice" role="status" data-testid="send-result">
            <p>{t("send.queued", { count: step.queued })}</p>
            <p>{t("send.pending", { count: step.pending })}</p>
            <p>
              <a
                href={hrefOf(wavePath(slug, waveId, "monitoring"), locale)}
                data-testid="monitoring-link"
              >
                {t("send.monitoring")}
              </a>
            </p>
          </div>
        ) : null}
        {step.kind === "failed" ? (
          <div className="notice notice--error" role="alert" data-testid="send-error">
            <p>{step.message}</p>
          </div>
        ) : null}
      </div>
      <ConfirmDialog
        open={open}
        title={t("send.confirmTitle")}
        confirmLabel={open ? t("send.confirm", { count: step.count }) : t("send.button")}
        cancelLabel={t("cancel")}
        busy={step.kind === "sending"}
        confirmDisabled={open && step.count === 0}
        testId="send-dialog"
        onConfirm={() => void send()}
        onCancel={cancel}
      >
        {open ? <SendConfirmation plan={step} /> : null}
      </ConfirmDialog>
    </section>
  );
}
