import "./waves.css";
import { useTranslation } from "react-i18next";
import { LoadFailed } from "../../LoadFailed";
import { useJson } from "../../use-json";
import type { WaveOptions } from "./api";
import { NewWaveForm } from "./NewWaveForm";
import { useAppLocale } from "../../locale-context";

/** `/workspace/waves/new`: a draft wave in each chosen authority, from one published version. */
export function NewWavePage() {
  const { t } = useTranslation("ws-waves");
  const { locale } = useAppLocale();
  const [state, retry] = useJson<WaveOptions>(`/api/waves/options?lang=${locale}`);
  if (state.kind === "failed") return <LoadFailed error={state.error} onRetry={retry} />;
  if (state.kind === "loading") return <p role="status">{t("common:loading")}</p>;
  return <NewWaveForm options={state.data} />;
}
