import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, postJson } from "../../../shared/api";
import { useJson } from "../../use-json";
import type { KioskView, PairingView, WaveView } from "./api";
import { useAppLocale } from "../../locale-context";

/** A pairing code on screen, with the kiosk it pairs. */
export type ShownPairing = { kioskId: string; label: string } & PairingView;

/** The list refreshes on its own, so "last seen" and queued answers stay current. */
const REFRESH_MS = 30_000;

/**
 * One authority's kiosks and waves, read again every REFRESH_MS and after
 * each change, with what staff do to a kiosk (a new pairing code, revoking
 * it after confirmation) and the state around it: the code shown, the kiosk
 * awaiting confirmation, the last error and the sentence to announce.
 */
export function useKiosks(slug: string) {
  const { t } = useTranslation("ws-contacts");
  const { locale } = useAppLocale();
  const api = `/api/authorities/${slug}/kiosks`;
  const [version, setVersion] = useState(0);
  const [kiosks, retry] = useJson<KioskView[]>(`${api}?lang=${locale}&v=${version}`);
  const [waves] = useJson<WaveView[]>(`/api/authorities/${slug}/waves?lang=${locale}`);
  const [pairing, setPairing] = useState<ShownPairing | null>(null);
  const [revoking, setRevoking] = useState<KioskView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const timer = window.setInterval(() => {
      setNow(Date.now());
      setVersion((v) => v + 1);
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, []);

  const waveName = (id: string) => {
    if (waves.kind !== "ready") return "";
    const w = waves.data.find((x) => x.id === id);
    return w ? w.name[locale] || w.name.he : "";
  };

  const newCode = async (k: KioskView) => {
    setError(null);
    try {
      const p = await postJson<PairingView>(`${api}/${k.id}/pairing-code?lang=${locale}`);
      setPairing({ kioskId: k.id, label: k.label, ...p });
    } catch (err) {
      setError(errorMessage(err, t));
    }
  };

  const revoke = async (k: KioskView) => {
    setError(null);
    try {
      await postJson<KioskView>(`${api}/${k.id}/revoke?lang=${locale}`);
      setRevoking(null);
      if (pairing?.kioskId === k.id) setPairing(null);
      setMessage(t("kiosks.revoked", { label: k.label }));
      setVersion((v) => v + 1);
    } catch (err) {
      setRevoking(null);
      setError(errorMessage(err, t));
    }
  };

  /** A kiosk just registered: its code is shown and the list read again. */
  const created = (shown: ShownPairing) => {
    setPairing(shown);
    setVersion((v) => v + 1);
  };

  return {
    api,
    kiosks,
    retry,
    waves: waves.kind === "ready" ? waves.data : [],
    waveName,
    now,
    pairing,
    closePairing: () => setPairing(null),
    revoking,
    askRevoke: setRevoking,
    error,
    message,
    newCode,
    revoke,
    created,
  };
}
