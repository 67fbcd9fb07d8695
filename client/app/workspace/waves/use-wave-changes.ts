import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useAppLocale } from "../../locale-context";
import { errorMessage } from "../../../shared/api";
import { sendJson, type WaveView } from "./api";
import { settingsBody, settingsOf, type SettingsDraft, type Texts } from "./settings";

/** The sentence under the wave's header: progress, success, or the server's refusal. */
export type WaveMessage = { text: string; error: boolean } | null;

/**
 * Changing one wave: its name and settings as a draft saved on submit, and
 * its status moved on request. `onChanged` gets the wave as the server now
 * has it (also after a refused move, so the checklist is read again).
 */
export function useWaveChanges(wave: WaveView, base: string, onChanged: (wave: WaveView) => void) {
  const { locale } = useAppLocale();
  const { t } = useTranslation("ws-waves");
  const [name, setName] = useState<Texts>(wave.name);
  const [settings, setSettings] = useState<SettingsDraft>(() => settingsOf(wave));
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [moving, setMoving] = useState(false);
  const [message, setMessage] = useState<WaveMessage>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setSaveError(null);
    setMessage({ text: t("detail.saving"), error: false });
    try {
      const next = await sendJson<WaveView>("PATCH", `${base}?lang=${locale}`, {
        name,
        ...settingsBody(settings),
        openLinkSlug: settings.openLinkSlug || null,
      });
      const proposed =
        next.smsProposal !== null && next.smsProposal.proposedAt !== wave.smsProposal?.proposedAt;
      setMessage({ text: t(proposed ? "proposal.submitted" : "detail.saved"), error: false });
      onChanged(next);
      setSettings(settingsOf(next));
    } catch (err) {
      setSaveError(err);
      setMessage({ text: errorMessage(err, t), error: true });
    } finally {
      setSaving(false);
    }
  }

  async function move(to: WaveView["status"]) {
    setMoving(true);
    setMessage({ text: t("detail.moving"), error: false });
    try {
      const next = await sendJson<WaveView>("POST", `${base}/status?lang=${locale}`, {
        status: to,
      });
      setMessage({ text: t("detail.moved", { status: t(`status.${next.status}`) }), error: false });
      onChanged(next);
    } catch (err) {
      setMessage({ text: errorMessage(err, t), error: true });
      onChanged(wave); // the checklist is read again: it says what is missing now
    } finally {
      setMoving(false);
    }
  }

  return {
    name,
    setName,
    settings,
    setSettings,
    saving,
    saveError,
    moving,
    message,
    save,
    move,
  };
}
