import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LOCALES, type Locale } from "../../../shared/locale";
import { errorMessage, getJson, postJson } from "../../../shared/api";
import { waveApi } from "./api";
import type { Schedule } from "./SendSchedule";
import { useAppLocale } from "../../locale-context";

/** An SMS as a resident will get it, and how many parts it is sent in. */
export interface SmsPreview {
  text: string;
  segments: number;
  encoding: "gsm7" | "ucs2";
}

/** What the confirmation shows: how many will be queued, the SMS per language, when it goes. */
export interface SendPlan {
  count: number;
  previews: Partial<Record<Locale, SmsPreview>>;
  schedule: Schedule;
}

/** Where sending stands: from the button through the confirmation to what was queued. */
export type SendStep =
  | { kind: "idle" }
  | { kind: "preparing" }
  | ({ kind: "confirm" } & SendPlan)
  | ({ kind: "sending" } & SendPlan)
  | { kind: "sent"; queued: number; pending: number }
  | { kind: "failed"; message: string };

/**
 * Sending a wave's invitations in two steps: prepare the confirmation (the
 * contacts waiting, the SMS in every language, the schedule), then queue
 * them; `onSent` is called once they are queued.
 */
export function useInvitationSend(slug: string, waveId: string, onSent: () => void) {
  const { t } = useTranslation("ws-contacts");
  const { locale } = useAppLocale();
  const [step, setStep] = useState<SendStep>({ kind: "idle" });
  const base = waveApi(slug, waveId);

  const prepare = async () => {
    setStep({ kind: "preparing" });
    try {
      const waiting = await getJson<{ total: number }>(
        `${base}/contacts?lang=${locale}&status=not-invited&limit=1`,
      );
      const previews: Partial<Record<Locale, SmsPreview>> = {};
      for (const l of LOCALES)
        previews[l] = await postJson<SmsPreview>(`${base}/sms-preview?lang=${locale}`, {
          kind: "invitation",
          locale: l,
        });
      const schedule = await getJson<Schedule>(`${base}/send-schedule?lang=${locale}`);
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

  const cancel = () => setStep({ kind: "idle" });

  return { step, prepare, send, cancel };
}
