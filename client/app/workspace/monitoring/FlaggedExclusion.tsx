import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, postJson } from "../../../shared/api";
import { useAppLocale } from "../../locale-context";

interface Props {
  slug: string;
  waveId: string;
  /** Flagged responses counted in results, and those left out. */
  flagged: number;
  excluded: number;
  onChanged: () => void;
}

/**
 * For researchers: leave a wave's flagged open-link responses out of results and
 * exports, or put them back (server/take/flagged-responses.ts).
 */
export function FlaggedExclusion({ slug, waveId, flagged, excluded, onChanged }: Props) {
  const { t } = useTranslation("ws-monitoring");
  const { locale } = useAppLocale();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (flagged === 0 && excluded === 0) return null;

  async function set(exclude: boolean) {
    setBusy(true);
    setError(null);
    try {
      await postJson(`/api/authorities/${slug}/waves/${waveId}/flagged-responses?lang=${locale}`, {
        exclude,
      });
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="mon-flagged-actions" data-testid="flagged-exclusion">
      {excluded > 0 ? (
        <p data-testid="flagged-excluded">{t("wave.target.excluded", { count: excluded })}</p>
      ) : null}
      <button
        type="button"
        className="button button--secondary"
        disabled={busy}
        onClick={() => void set(flagged > 0)}
        data-testid={flagged > 0 ? "flagged-exclude" : "flagged-include"}
      >
        {t(flagged > 0 ? "wave.target.exclude" : "wave.target.include")}
      </button>
      {error ? (
        <p role="alert" className="notice notice--error">
          {errorMessage(error, t)}
        </p>
      ) : null}
    </div>
  );
}
