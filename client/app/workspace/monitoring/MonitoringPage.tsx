import "./monitoring.css";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { LoadFailed } from "../../LoadFailed";
import type { SessionInfo } from "../../session";
import { formatsFor } from "./format";
import { LiveBar } from "./LiveBar";
import { ByChannel } from "./Breakdowns";
import { ByDay } from "./ByDay";
import { ProgramTable } from "./ProgramTable";
import type { ProgramMonitoring, ProgramRow } from "./types";
import { useAnnouncement } from "./use-announcement";
import { useLive } from "./use-live";
import { useAppLocale } from "../../locale-context";

const STATUSES = ["running", "open", "paused", "closed"] as const;

interface Props {
  session: SessionInfo;
}

/**
 * `/workspace/monitoring`: every wave of the program (a coordinator: of their
 * authority) with completes against target and the SMS funnel head, refreshed
 * live; each row leads to the wave's own monitoring page. Below, the waves the
 * status lists, summed per channel and per day.
 */
export function MonitoringPage({ session }: Props) {
  const { t } = useTranslation("ws-monitoring");
  const { locale } = useAppLocale();
  const fmt = formatsFor(locale);
  const [status, setStatus] = useState<(typeof STATUSES)[number]>("running");
  const [search, setSearch] = useState("");
  const [paused, setPaused] = useState(false);
  const live = useLive<ProgramMonitoring>(
    `/api/monitoring/waves?status=${status}&lang=${locale}`,
    paused,
  );
  const announcement = useAnnouncement(live.data, (prev, next) => {
    const before = new Map(prev.rows.map((r) => [r.wave.id, r]));
    const changed = next.rows.filter((r) => {
      const old = before.get(r.wave.id);
      return old && (old.completes !== r.completes || old.sms.invited !== r.sms.invited);
    });
    if (changed.length === 0) return "";
    if (changed.length > 3)
      return t("program.changedMany", { count: changed.length, n: fmt.count(changed.length) });
    return changed
      .map((r) =>
        t("program.changed", {
          authority: r.authority.name,
          wave: r.wave.name,
          completes: fmt.count(r.completes),
          invited: fmt.count(r.sms.invited),
        }),
      )
      .join(" ");
  });
  const searchId = useId();
  const statusId = useId();

  if (!live.data && live.error) return <LoadFailed error={live.error} onRetry={live.refresh} />;
  const needle = search.trim().toLocaleLowerCase(locale);
  const rows = (live.data?.rows ?? []).filter(
    (r: ProgramRow) =>
      !needle ||
      r.wave.name.toLocaleLowerCase(locale).includes(needle) ||
      r.authority.name.toLocaleLowerCase(locale).includes(needle),
  );
  const scoped = session.user.role === "authority-coordinator";

  return (
    <div className="mon" data-testid="program-monitoring">
      <p>{scoped ? t("program.introAuthority") : t("program.intro")}</p>
      <LiveBar
        updatedAt={live.updatedAt}
        loading={live.loading}
        error={live.data ? live.error : null}
        paused={paused}
        onPause={setPaused}
        onRefresh={live.refresh}
        announcement={announcement}
        fmt={fmt}
      />
      <div className="ws-filters mon-filters" role="search" aria-label={t("program.filters")}>
        <span>
          <label htmlFor={searchId}>{t("program.search")}</label>{" "}
          <input
            id={searchId}
            type="search"
            value={search}
            data-testid="program-search"
            onChange={(e) => setSearch(e.target.value)}
          />
        </span>
        <span>
          <label htmlFor={statusId}>{t("program.status")}</label>{" "}
          <select
            id={statusId}
            value={status}
            data-testid="program-status"
            onChange={(e) => setStatus(e.target.value as (typeof STATUSES)[number])}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`program.statuses.${s}`)}
              </option>
            ))}
          </select>
        </span>
      </div>
      {!live.data ? (
        <p role="status">{t("common:loading")}</p>
      ) : rows.length === 0 ? (
        <p className="notice" data-testid="program-empty">
          {live.data.rows.length === 0 ? t("program.none") : t("program.noMatch")}
        </p>
      ) : (
        <>
          <ProgramTable rows={rows} fmt={fmt} />
          <section
            className="mon-grid"
            aria-label={t("program.across")}
            data-testid="program-across"
          >
            <ByChannel data={live.data} fmt={fmt} />
            <ByDay days={live.data.byDay} fmt={fmt} />
          </section>
        </>
      )}
    </div>
  );
}
