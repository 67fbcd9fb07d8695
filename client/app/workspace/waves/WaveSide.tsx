import { useId } from "react";
import { useTranslation } from "react-i18next";
import { LoadFailed } from "../../LoadFailed";
import { GroupExamplesForm } from "../authority/GroupExamplesForm";
import type { Readiness, WaveView } from "./api";
import { BridgePanel } from "./BridgePanel";
import { QuotasPanel } from "./QuotasPanel";
import { ReadinessChecklist } from "./ReadinessChecklist";
import { SmsProposalPanel } from "./SmsProposalPanel";
import { StatusActions } from "./StatusActions";

interface Props {
  wave: WaveView;
  base: string;
  /** Admins and researchers: they review SMS proposals and set the bridge and examples. */
  designer: boolean;
  readiness: Readiness | null;
  readinessFailed: unknown;
  retryReadiness: () => void;
  /** The settings form, which checklist items link to. */
  settingsId: string;
  /** A save or status change under way: the status buttons wait. */
  busy: boolean;
  moving: boolean;
  onMove: (to: WaveView["status"]) => void;
  onChanged: (wave: WaveView) => void;
}

/** Beside a wave's settings: its readiness checklist, status buttons and the panels of its fieldwork. */
export function WaveSide(props: Props) {
  const { wave, base, designer, readiness } = props;
  const { t } = useTranslation("ws-waves");
  const id = useId();
  return (
    <div className="wv-side">
      {wave.status === "open" || wave.status === "closed" ? null : readiness ? (
        <ReadinessChecklist
          wave={wave}
          readiness={readiness}
          settingsId={props.settingsId}
          designer={designer}
        />
      ) : props.readinessFailed ? (
        <LoadFailed error={props.readinessFailed} onRetry={props.retryReadiness} />
      ) : (
        <p role="status">{t("check.loading")}</p>
      )}
      <section className="wv-status-box" aria-labelledby={`${id}-status-h`}>
        <h3 id={`${id}-status-h`}>{t("actions.title")}</h3>
        <StatusActions
          status={wave.status}
          ready={readiness?.ready ?? false}
          busy={props.busy}
          onConfirm={props.onMove}
        />
        {props.moving ? <p className="ws-hint">{t("detail.moving")}</p> : null}
      </section>
      <SmsProposalPanel wave={wave} base={base} reviewer={designer} onChanged={props.onChanged} />
      <BridgePanel wave={wave} base={base} designer={designer} />
      <QuotasPanel base={base} designer={designer} />
      <GroupExamplesForm slug={wave.authority.slug} editable={designer} />
    </div>
  );
}
