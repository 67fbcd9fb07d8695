import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../shared/api";
import { useAppLocale } from "../../locale-context";
import { useJson } from "../../use-json";
import type { BridgeComparison, BridgeView } from "../../../../server/waves/bridge-schema";
import { sendJson, type WaveView } from "./api";
import { BridgeComparisonTable } from "./BridgeComparisonTable";
import "./bridge.css";

interface Props {
  wave: WaveView;
  base: string;
  /** Researchers and admins set the bridge; everyone who reads the wave sees it. */
  designer: boolean;
}

/**
 * The split-ballot bridge of a wave on a new instrument version (issue 19): a
 * share of the sample is asked an earlier version's wording for this wave, so
 * the effect of the new wording is measured and the series break bridged. Set
 * on a draft; once answers come in, the two wordings are compared item by item.
 */
export function BridgePanel({ wave, base, designer }: Props) {
  const { t } = useTranslation("ws-waves");
  const { locale } = useAppLocale();
  const id = useId();
  const [view, reload] = useJson<BridgeView>(`${base}/bridge?lang=${locale}`);
  const data = view.kind === "ready" ? view.data : null;
  const [old, setOld] = useState("");
  const [percent, setPercent] = useState(50);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!data) return;
    setOld(data.bridge?.old.id ?? data.candidates[0]?.id ?? "");
    setPercent(Math.round((data.bridge?.share ?? 0.5) * 100));
  }, [data]);
  const showComparison = Boolean(data?.bridge) && wave.status !== "draft";
  const [comparison] = useJson<BridgeComparison>(
    showComparison ? `${base}/bridge-comparison?lang=${locale}` : null,
  );

  if (!data || (data.candidates.length === 0 && !data.bridge)) return null;
  const editable = designer && data.editable;

  async function save(bridge: { instrumentVersionId: string; share: number } | null) {
    setBusy(true);
    setError(null);
    try {
      await sendJson<BridgeView>("PUT", `${base}/bridge?lang=${locale}`, { bridge });
      reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const versionLabel = (v: { version: number; edition: number }) =>
    t("bridge.version", { version: v.version, edition: v.edition });
  return (
    <section className="wv-bridge" aria-labelledby={`${id}-h`} data-testid="wave-bridge">
      <h3 id={`${id}-h`}>{t("bridge.title")}</h3>
      <p className="ws-hint">{t("bridge.explain")}</p>
      {data.bridge ? (
        <p data-testid="bridge-current">
          {t("bridge.current", {
            old: versionLabel(data.bridge.old),
            now: versionLabel(data.version),
            percent: Math.round(data.bridge.share * 100),
          })}
        </p>
      ) : (
        <p>{t("bridge.none")}</p>
      )}
      {editable ? (
        <form
          className="wv-bridge__form"
          onSubmit={(e) => {
            e.preventDefault();
            void save({ instrumentVersionId: old, share: percent / 100 });
          }}
        >
          <label htmlFor={`${id}-old`}>{t("bridge.old")}</label>
          <select id={`${id}-old`} value={old} onChange={(e) => setOld(e.target.value)}>
            {data.candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {versionLabel(c)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-share`}>{t("bridge.share")}</label>
          <input
            id={`${id}-share`}
            type="number"
            inputMode="numeric"
            min={10}
            max={90}
            step={5}
            value={percent}
            onChange={(e) => setPercent(Number(e.target.value))}
          />
          <div className="wv-actions">
            <button type="submit" className="button" disabled={busy || !old}>
              {t("bridge.save")}
            </button>
            {data.bridge ? (
              <button
                type="button"
                className="button button--secondary"
                disabled={busy}
                onClick={() => void save(null)}
              >
                {t("bridge.remove")}
              </button>
            ) : null}
          </div>
        </form>
      ) : data.bridge && !data.editable ? (
        <p className="ws-hint">{t("bridge.locked")}</p>
      ) : null}
      {error ? (
        <p className="notice notice--error" role="alert">
          {errorMessage(error, t)}
        </p>
      ) : null}
      {comparison.kind === "ready" ? <BridgeComparisonTable comparison={comparison.data} /> : null}
    </section>
  );
}
