import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Formats } from "./format";
import { share } from "./format";
import type { Funnel as FunnelCounts, WaveMonitoring } from "./types";

const STAGES = ["contacts", "invited", "opened", "started", "completed"] as const;

/**
 * The personal-link funnel as horizontal bars, each with its count and share
 * of contacts written out, so it reads without colour and without the bars.
 */
export function Funnel({ sms, fmt }: { sms: FunnelCounts; fmt: Formats }) {
  const { t } = useTranslation("ws-monitoring");
  return (
    <section className="mon-card" aria-labelledby="mon-funnel-title">
      <h3 id="mon-funnel-title">{t("wave.funnel.title")}</h3>
      <p className="ws-small ws-muted">{t("wave.funnel.shareNote")}</p>
      <ol className="mon-bars" data-testid="funnel">
        {STAGES.map((stage) => {
          const part = share(sms[stage], sms.contacts);
          return (
            <li
              key={stage}
              className="mon-bar"
              data-testid={`funnel-${stage}`}
              data-count={sms[stage]}
            >
              <span className="mon-bar__label">{t(`wave.funnel.${stage}`)}</span>
              <span className="mon-bar__track" aria-hidden="true">
                <span style={{ inlineSize: `${(part ?? 0) * 100}%` }} />
              </span>
              <span className="mon-bar__value">
                <strong data-testid={`funnel-${stage}-count`}>{fmt.count(sms[stage])}</strong>{" "}
                <span className="ws-muted">
                  {stage === "contacts"
                    ? ""
                    : t("wave.funnel.share", { percent: fmt.percent(part) })}
                </span>
              </span>
            </li>
          );
        })}
      </ol>
      <p className="ws-small" data-testid="funnel-lost">
        {t("wave.funnel.lost", {
          optedOut: fmt.count(sms.optedOut),
          bounced: fmt.count(sms.bounced),
        })}
      </p>
    </section>
  );
}

/** Completes of every channel against the wave's target, and the SMS response rate. */
export function TargetCard({
  data,
  fmt,
  children,
}: {
  data: WaveMonitoring;
  fmt: Formats;
  children?: ReactNode;
}) {
  const { t } = useTranslation("ws-monitoring");
  const progress = share(data.completes, data.target);
  return (
    <section className="mon-card" aria-labelledby="mon-target-title">
      <h3 id="mon-target-title">{t("wave.target.title")}</h3>
      <p className="mon-big" data-testid="wave-completes" data-count={data.completes}>
        {data.target === null
          ? t("wave.target.noTarget", { completes: fmt.count(data.completes) })
          : t("wave.target.ofTarget", {
              completes: fmt.count(data.completes),
              target: fmt.count(data.target),
              percent: fmt.percent(progress),
            })}
      </p>
      {progress !== null ? (
        <span className="mon-meter mon-meter--wide" aria-hidden="true">
          <span style={{ inlineSize: `${Math.min(100, progress * 100)}%` }} />
        </span>
      ) : null}
      <p data-testid="wave-response-rate">
        {data.responseRate === null
          ? t("wave.target.noInvites")
          : t("wave.target.rate", {
              rate: fmt.percent(data.responseRate),
              completed: fmt.count(data.sms.completed),
              invited: fmt.count(data.sms.invited),
            })}
      </p>
      {data.flagged > 0 ? (
        <p className="mon-flagged" data-testid="wave-flagged" data-count={data.flagged}>
          {t("wave.target.flagged", { count: data.flagged })}
        </p>
      ) : null}
      {children}
    </section>
  );
}
