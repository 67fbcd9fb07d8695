import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../shared/api";
import type { Formats } from "./format";

interface Props {
  updatedAt: Date | null;
  loading: boolean;
  error: unknown;
  paused: boolean;
  onPause: (paused: boolean) => void;
  onRefresh: () => void;
  /** What changed since the last refresh, read out politely; empty when nothing did. */
  announcement: string;
  fmt: Formats;
}

/**
 * The live-refresh controls of a monitoring page: when the figures were fetched,
 * pause / resume, refresh now, a failed refresh (the last figures stay), and a
 * polite live region that reads out changed figures only, not every poll.
 */
export function LiveBar(props: Props) {
  const { t } = useTranslation("ws-monitoring");
  const { updatedAt, loading, error, paused, fmt } = props;
  return (
    <div className="mon-live" data-testid="monitoring-live">
      <p className="mon-live__when">
        <span
          data-testid="monitoring-updated"
          data-updated-at={updatedAt?.toISOString() ?? ""}
          data-loading={loading ? "true" : "false"}
        >
          {updatedAt ? t("live.updated", { time: fmt.time(updatedAt) }) : t("live.loading")}
        </span>{" "}
        <span className="ws-muted ws-small">
          {paused ? t("live.pausedNote") : t("live.autoNote")}
        </span>
      </p>
      <div className="ws-row">
        <button
          type="button"
          className="button button--secondary"
          aria-pressed={paused}
          data-testid="monitoring-pause"
          onClick={() => {
            props.onPause(!paused);
            if (paused) props.onRefresh();
          }}
        >
          {paused ? t("live.resume") : t("live.pause")}
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="monitoring-refresh"
          disabled={loading}
          onClick={props.onRefresh}
        >
          {loading ? t("live.refreshing") : t("live.refresh")}
        </button>
      </div>
      {error ? (
        <p className="notice notice--error mon-live__error" role="alert">
          {t("live.failed", { message: errorMessage(error, t) })}
        </p>
      ) : null}
      <p className="visually-hidden" aria-live="polite" data-testid="monitoring-announce">
        {props.announcement}
      </p>
    </div>
  );
}
