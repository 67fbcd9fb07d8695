import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, postJson } from "../../../shared/api";
import type { KioskView, PairingView, WaveView } from "./api";
import type { ShownPairing } from "./use-kiosks";
import { useAppLocale } from "../../locale-context";

/** Registering a kiosk: where it stands and the wave it serves; the server gives its first code. */
export function NewKioskForm(props: {
  api: string;
  waves: WaveView[];
  onCreated: (shown: ShownPairing) => void;
}) {
  const { locale } = useAppLocale();
  const { t } = useTranslation("ws-contacts");
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Waves a kiosk can serve: not closed; those with the kiosk channel first.
  const waves = props.waves
    .filter((w) => w.status !== "closed")
    .sort((a, b) => Number(b.channels.includes("kiosk")) - Number(a.channels.includes("kiosk")));
  return (
    <section className="ct-panel" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t("kiosks.newTitle")}</h3>
      <form
        className="ct-search"
        data-testid="kiosk-new-form"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const data = new FormData(form);
          setBusy(true);
          setError(null);
          try {
            const k = await postJson<KioskView & PairingView>(`${props.api}?lang=${locale}`, {
              label: String(data.get("label") ?? ""),
              waveId: String(data.get("waveId") ?? ""),
            });
            form.reset();
            props.onCreated({
              kioskId: k.id,
              label: k.label,
              pairingCode: k.pairingCode,
              pairingExpiresAt: k.pairingExpiresAt,
            });
          } catch (err) {
            setError(errorMessage(err, t));
          } finally {
            setBusy(false);
          }
        }}
      >
        <div className="ct-field">
          <label htmlFor={`${id}-label`}>{t("kiosks.label")}</label>
          <input
            id={`${id}-label`}
            name="label"
            required
            maxLength={80}
            aria-describedby={`${id}-label-help`}
            data-testid="kiosk-label"
          />
          <span id={`${id}-label-help`} className="ws-small ws-muted">
            {t("kiosks.labelHelp")}
          </span>
        </div>
        <div className="ct-field">
          <label htmlFor={`${id}-wave`}>{t("kiosks.wave")}</label>
          <select id={`${id}-wave`} name="waveId" required data-testid="kiosk-wave">
            {waves.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name[locale] || w.name.he}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="button"
          disabled={busy || waves.length === 0}
          data-testid="kiosk-create"
        >
          {t("kiosks.create")}
        </button>
      </form>
      {waves.length === 0 ? <p className="ws-muted">{t("kiosks.noWaves")}</p> : null}
      {error ? (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
    </section>
  );
}
