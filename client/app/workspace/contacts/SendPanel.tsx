import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LOCALES, type Locale } from "../../../shared/locale";
import { errorMessage, getJson, postJson } from "../../../shared/api";
import { hrefOf, wavePath } from "../routes";
import { waveApi, type WaveView } from "./api";
import { ConfirmDialog } from "./ConfirmDialog";
import { SendSchedule, type Schedule } from "./SendSchedule";
import { useAppLocale } from "../../locale-context";

interface Props {
  slug: string;
  waveId: string;
  wave: WaveView;
  onSent: () => void;
}

interface Preview {
  text: string;
  segments: number;
  encoding: "gsm7" | "ucs2";
}

type Step =
  | { kind: "idle" }
  | { kind: "preparing" }
  | {
      kind: "confirm";
      count: number;
      previews: Partial<Record<Locale, Preview>>;
      schedule: Schedule;
    }
  | {
      kind: "sending";
      count: number;
      previews: Partial<Record<Locale, Preview>>;
      schedule: Schedule;
    }
  | { kind: "sent"; queued: number; pending: number }
  | { kind: "failed"; message: string };

/**
 * Sending the wave's invitations: a confirmation that says how many will be
 * queued and shows the SMS as residents will get it (in each language), then
 * what was queued, with the way to the wave's monitoring.
 */
export function SendPanel({ slug, waveId, wave, onSent }: Props) {
  const { t } = useTranslation("ws-contacts");
  const { locale } = useAppLocale();
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const [shown, setShown] = useState<Locale>(locale);
  const base = waveApi(slug, waveId);
  const canSend = wave.status === "open" && wave.channels.includes("sms");

  const prepare = async () => {
    setStep({ kind: "preparing" });
    try {
      const waiting = await getJson<{ total: number }>(
        `${base}/contacts?lang=${locale}&status=not-invited&limit=1`,
      );
      const previews: Partial<Record<Locale, Preview>> = {};
      for (const l of LOCALES)
        previews[l] = await postJson<Preview>(`${base}/sms-preview?lang=${locale}`, {
          kind: "invitation",
          locale: l,
        });
      const schedule = await getJson<Schedule>(`${base}/send-schedule?lang=${locale}`);
      setShown(locale);
      setStep({ kind: "confirm", count: waiting.total, previews, schedule });
    } catch (err) {
      setStep({ kind: "failed", message: errorMessage(err, t) });
    }
  };

  const send = async () => {
    if (step.kind !== "confirm") return;
    setStep({ ...step, kind: "sending" });
    try {
      const r = await postJson<{ queued: number; pending: number }>(
        `${base}/invitations/send?lang=${locale}`,
      );
      setStep({ kind: "sent", ...r });
      onSent();
    } catch (err) {
      setStep({ kind: "failed", message: errorMessage(err, t) });
    }
  };

  const open = step.kind === "confirm" || step.kind === "sending";
  const preview = open ? step.previews[shown] : undefined;
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
        onCancel={() => setStep({ kind: "idle" })}
      >
        {open ? (
          <>
            <p data-testid="send-count">
              {step.count === 0 ? t("send.nothing") : t("send.count", { count: step.count })}
            </p>
            <p className="ws-small ws-muted">{t("send.quietHours")}</p>
            <SendSchedule schedule={step.schedule} />
            <div className="ct-preview-tabs" role="group" aria-label={t("send.previewLanguage")}>
              {LOCALES.map((l) => (
                <button
                  key={l}
                  type="button"
                  className="ct-chip"
                  aria-pressed={shown === l}
                  onClick={() => setShown(l)}
                >
                  {t(`languages.${l}`)}
                </button>
              ))}
            </div>
            {preview ? (
              <figure className="ct-sms" data-testid="send-preview">
                <blockquote lang={shown} dir={shown === "en" ? "ltr" : "rtl"}>
                  {preview.text}
                </blockquote>
                <figcaption className="ws-small ws-muted">
                  {t("send.segments", { count: preview.segments })}
                </figcaption>
              </figure>
            ) : null}
          </>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
