import { useTranslation } from "react-i18next";
import type { Formats } from "./format";
import { headlineChange } from "./headline-change";
import type { Construct, Wave } from "./types";

interface Props {
  construct: Construct;
  waves: Wave[];
  fmt: Formats;
}

/**
 * Change since the baseline in words an authority reads ("a small, statistically
 * reliable rise"), with the figures behind the words for those who want them;
 * when the channel mix moved between the waves, the change within each channel;
 * then, where residents answered both of the last two waves (the panel), their
 * own change, tested pair by pair.
 */
export function ChangeSummary({ construct, waves, fmt }: Props) {
  const { t } = useTranslation("results");
  const headline = headlineChange(construct.changes.sinceBaseline);
  if (!headline) return null;
  const name = (id: string) => waves.find((w) => w.id === id)?.name ?? "";
  // The last wave with enough responses, named when it is not the newest.
  const latest = headline.change;
  const panel = construct.changes.panel.at(-1);
  const breakNote = construct.seriesBreaks.map((id) => (
    <p key={id} className="series-break-note" role="note">
      <span aria-hidden="true">⫽ </span>
      {t("seriesBreakNote", { wave: name(id) })}
    </p>
  ));
  return (
    <div className="change-summary">
      <p>
        <strong>
          {headline.latest
            ? t("sinceBaseline", { wave: name(latest.fromWaveId) })
            : t("sinceBaselineTo", { from: name(latest.fromWaveId), to: name(latest.toWaveId) })}
        </strong>{" "}
        <span data-testid={`change-${construct.id}`} data-key={latest.label.key}>
          {t(latest.label.key)}
        </span>
        {latest.diff !== null && latest.pHolm !== null && latest.d !== null ? (
          <span className="change-detail">
            {" "}
            (
            {t("changeDetail", {
              diff: fmt.signed(latest.diff),
              p: fmt.p(latest.pHolm),
              d: fmt.signed(latest.d),
            })}
            )
          </span>
        ) : null}
      </p>
      {latest.ciLow !== null && latest.ciHigh !== null ? (
        <p className="change-ci" data-testid={`change-ci-${construct.id}`}>
          {t("changeCi", { low: fmt.signed(latest.ciLow), high: fmt.signed(latest.ciHigh) })}
          {latest.detectable !== null ? (
            <>
              {"; "}
              <span data-testid={`detectable-${construct.id}`}>
                {t("detectable", {
                  mdc: fmt.score(latest.detectable),
                  mdcHolm: latest.detectableHolm === null ? "–" : fmt.score(latest.detectableHolm),
                })}
              </span>
            </>
          ) : null}
        </p>
      ) : null}
      {latest.channelMix?.differs && latest.channelMix.byChannel.length > 0 ? (
        <p className="change-mode" data-testid={`channel-mix-${construct.id}`}>
          {t("channelMixNote")}{" "}
          {latest.channelMix.byChannel
            .map((b) =>
              t("channelMixWithin", {
                channel: t(`group.${b.channel}`),
                diff: b.diff === null ? "–" : fmt.signed(b.diff),
              }),
            )
            .join("; ")}
          {/* Sensitivity: the change with channel as a covariate, and what the mix carries. */}
          {latest.channelMix.adjusted ? (
            <span className="change-detail" data-testid={`channel-adjusted-${construct.id}`}>
              {" "}
              {t("channelMixAdjusted", {
                diff: fmt.signed(latest.channelMix.adjusted.diff),
                low:
                  latest.channelMix.adjusted.ciLow === null
                    ? "–"
                    : fmt.signed(latest.channelMix.adjusted.ciLow),
                high:
                  latest.channelMix.adjusted.ciHigh === null
                    ? "–"
                    : fmt.signed(latest.channelMix.adjusted.ciHigh),
                gap:
                  latest.channelMix.adjusted.gap === null
                    ? "–"
                    : fmt.signed(latest.channelMix.adjusted.gap),
              })}
            </span>
          ) : null}
        </p>
      ) : null}
      {panel && panel.pairs > 0 ? (
        <p data-testid={`panel-change-${construct.id}`} data-key={panel.label.key}>
          <strong>
            {t("panelChange", {
              count: panel.pairs,
              from: name(panel.fromWaveId),
              to: name(panel.toWaveId),
            })}
          </strong>{" "}
          {panel.diff !== null && panel.pHolm !== null && panel.d !== null ? (
            <>
              {t(panel.label.key)}
              <span className="change-detail">
                {" "}
                (
                {t("panelDetail", {
                  diff: fmt.signed(panel.diff),
                  p: fmt.p(panel.pHolm),
                  d: fmt.signed(panel.d),
                })}
                )
              </span>
            </>
          ) : (
            t("panelTooFew")
          )}
        </p>
      ) : null}
      {breakNote}
    </div>
  );
}
