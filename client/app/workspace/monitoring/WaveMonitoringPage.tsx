import "./monitoring.css";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LoadFailed } from "../../LoadFailed";
import { hrefOf, wavePath } from "../routes";
import { ByChannel, ByLanguage } from "./Breakdowns";
import { ByDay } from "./ByDay";
import { FlaggedExclusion } from "./FlaggedExclusion";
import { formatsFor } from "./format";
import { Funnel, TargetCard } from "./Funnel";
import { LiveBar } from "./LiveBar";
import { OutboxPanel } from "./OutboxPanel";
import type { WaveMonitoring } from "./types";
import { useAnnouncement } from "./use-announcement";
import { useLive } from "./use-live";
import { useAppLocale } from "../../locale-context";

const WATCHED = ["invited", "opened", "started", "completed", "optedOut", "bounced"] as const;

interface Props {
  slug: string;
  waveId: string;
  /** Researchers and admins may leave flagged open-link responses out of results. */
  reviewer?: boolean;
}

/**
 * `/workspace/waves/<slug>/<waveId>/monitoring`: one wave's fieldwork, live —
 * the personal-link funnel, completes against target, breakdowns by language,
 * channel and day, and the wave's SMS messages with their delivery status. A
 * coordinator reaches only their own authority's waves (the server scopes).
 */
export function WaveMonitoringPage({ slug, waveId, reviewer = false }: Props) {
  const { t } = useTranslation("ws-monitoring");
  const { locale } = useAppLocale();
  const fmt = formatsFor(locale);
  const [paused, setPaused] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);
  const live = useLive<WaveMonitoring>(
    `/api/authorities/${slug}/waves/${waveId}/monitoring?lang=${locale}`,
    paused,
  );
  const announcement = useAnnouncement(live.data, (prev, next) => {
    const changes: string[] = WATCHED.filter((s) => prev.sms[s] !== next.sms[s]).map((s) =>
      t("wave.changed", {
        stage: t(`wave.funnel.${s}`),
        count: fmt.count(next.sms[s]),
      }),
    );
    if (prev.completes !== next.completes)
      changes.push(t("wave.changedCompletes", { count: fmt.count(next.completes) }));
    return changes.join(" ");
  });

  if (!live.data && live.error) return <LoadFailed error={live.error} onRetry={live.refresh} />;
  const data = live.data;
  return (
    <div className="mon" data-testid="wave-monitoring">
      <p className="ws-row">
        <a href={hrefOf("/workspace/monitoring", locale)}>{t("wave.back")}</a>
        <a href={hrefOf(wavePath(slug, waveId), locale)}>{t("wave.settings")}</a>
      </p>
      {data ? (
        <h3 className="mon-wave-name" data-testid="wave-monitoring-name">
          {data.authority.name} · {data.wave.name}{" "}
          <span className={`ws-badge mon-status mon-status--${data.wave.status}`}>
            {t(`waveStatus.${data.wave.status}`, { defaultValue: data.wave.status })}
          </span>
        </h3>
      ) : null}
      <LiveBar
        updatedAt={live.updatedAt}
        loading={live.loading}
        error={data ? live.error : null}
        paused={paused}
        onPause={setPaused}
        onRefresh={() => {
          live.refresh();
          setRefreshKey((n) => n + 1);
        }}
        announcement={announcement}
        fmt={fmt}
      />
      {!data ? (
        <p role="status">{t("common:loading")}</p>
      ) : (
        <div className="mon-grid">
          <Funnel sms={data.sms} fmt={fmt} />
          <TargetCard data={data} fmt={fmt}>
            {reviewer ? (
              <FlaggedExclusion
                slug={slug}
                waveId={waveId}
                flagged={data.flagged}
                excluded={data.flaggedExcluded}
                onChanged={live.refresh}
              />
            ) : null}
          </TargetCard>
          <ByLanguage data={data} fmt={fmt} />
          <ByChannel data={data} fmt={fmt} />
          <ByDay days={data.byDay} fmt={fmt} />
        </div>
      )}
      <OutboxPanel slug={slug} waveId={waveId} paused={paused} fmt={fmt} refreshKey={refreshKey} />
    </div>
  );
}
