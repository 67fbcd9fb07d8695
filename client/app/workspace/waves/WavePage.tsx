import "./waves.css";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAppLocale } from "../../locale-context";
import { LoadFailed } from "../../LoadFailed";
import type { SessionInfo } from "../../session";
import { useJson } from "../../use-json";
import type { Readiness, WaveView } from "./api";
import { useWaveChanges } from "./use-wave-changes";
import { WaveHeader } from "./WaveHeader";
import { WaveSettingsForm } from "./WaveSettingsForm";
import { WaveSide } from "./WaveSide";

interface Props {
  slug: string;
  waveId: string;
  session: SessionInfo;
}

/** `/workspace/waves/<slug>/<waveId>`: a wave's settings, its readiness checklist and its status. */
export function WavePage({ slug, waveId, session }: Props) {
  const { t } = useTranslation("ws-waves");
  const { locale } = useAppLocale();
  const base = `/api/authorities/${slug}/waves/${waveId}`;
  const [waveState, retryWave] = useJson<WaveView>(`${base}?lang=${locale}`);
  const [readiness, retryReadiness] = useJson<Readiness>(`${base}/readiness?lang=${locale}`);
  const [wave, setWave] = useState<WaveView | null>(null);
  useEffect(() => {
    if (waveState.kind === "ready") setWave(waveState.data);
  }, [waveState]);

  if (waveState.kind === "failed")
    return <LoadFailed error={waveState.error} onRetry={retryWave} />;
  if (!wave) return <p role="status">{t("common:loading")}</p>;
  return (
    <WaveDetail
      key={wave.id}
      wave={wave}
      base={base}
      designer={session.user.role === "admin" || session.user.role === "researcher"}
      readiness={readiness.kind === "ready" ? readiness.data : null}
      readinessFailed={readiness.kind === "failed" ? readiness.error : null}
      retryReadiness={retryReadiness}
      onChanged={(next) => {
        setWave(next);
        retryReadiness(); // what the change did to the checklist
      }}
    />
  );
}

interface DetailProps {
  wave: WaveView;
  base: string;
  designer: boolean;
  readiness: Readiness | null;
  readinessFailed: unknown;
  retryReadiness: () => void;
  onChanged: (wave: WaveView) => void;
}

/** A loaded wave: its header, the message of the last change, the side panels and the settings. */
function WaveDetail(props: DetailProps) {
  const { wave, base } = props;
  const settingsId = `${useId()}-settings`;
  const changes = useWaveChanges(wave, base, props.onChanged);
  const { message } = changes;
  return (
    <div className="wv-detail" data-testid="wave-page" data-status={wave.status}>
      <WaveHeader wave={wave} />
      <p
        className={message?.error ? "notice notice--error" : "wv-announce"}
        role="status"
        aria-live="polite"
        data-testid="wave-message"
      >
        {message?.text ?? ""}
      </p>
      <div className="wv-detail__grid">
        <WaveSide
          wave={wave}
          base={base}
          designer={props.designer}
          readiness={props.readiness}
          readinessFailed={props.readinessFailed}
          retryReadiness={props.retryReadiness}
          settingsId={settingsId}
          busy={changes.moving || changes.saving}
          moving={changes.moving}
          onMove={(to) => void changes.move(to)}
          onChanged={props.onChanged}
        />
        <WaveSettingsForm id={settingsId} wave={wave} base={base} changes={changes} />
      </div>
    </div>
  );
}
