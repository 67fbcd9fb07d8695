import { useTranslation } from "react-i18next";
import type { Formats } from "./format";
import { isShown, pointsByWave } from "./format";
import type { Construct, Wave } from "./types";

interface Props {
  construct: Construct;
  waves: Wave[];
  minCellSize: number;
  fmt: Formats;
}

/** The chart's numbers as a table: what screen readers (and careful readers) use. */
export function ResultsTable({ construct, waves, minCellSize, fmt }: Props) {
  const { t } = useTranslation("results");
  return (
    <div className="table-wrap">
      <table className="results-table">
        <caption>{t("tableCaption", { construct: construct.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("colWave")}</th>
            <th scope="col">{t("colN")}</th>
            <th scope="col">{t("colMean")}</th>
            <th scope="col">{t("colCi")}</th>
            <th scope="col">{t("colFavourable")}</th>
            <th scope="col">{t("colBenchmark")}</th>
          </tr>
        </thead>
        <tbody>
          {pointsByWave(waves, construct.points).map(({ wave, point }) => {
            const bench = construct.benchmark.find((b) => b.waveId === wave.id);
            const broken = construct.seriesBreaks.includes(wave.id);
            return (
              <tr key={wave.id}>
                <th scope="row">
                  {broken ? (
                    <span
                      className="break-mark"
                      title={t("seriesBreak")}
                      aria-label={t("seriesBreak")}
                    >
                      ⫽{" "}
                    </span>
                  ) : null}
                  {wave.name}
                  <span className="wave-kind">{t(`waveKind.${wave.kind}`)}</span>
                </th>
                <td className="num" data-testid={`n-${construct.id}-${wave.id}`}>
                  {fmt.count(point.n)}
                </td>
                {isShown(point) ? (
                  <>
                    <td className="num">{fmt.score(point.mean)}</td>
                    <td className="num">
                      {point.ciLow != null && point.ciHigh != null
                        ? t("ciRange", {
                            low: fmt.score(point.ciLow),
                            high: fmt.score(point.ciHigh),
                          })
                        : "–"}
                    </td>
                    <td className="num">
                      {point.favourable != null &&
                      point.favourableLow != null &&
                      point.favourableHigh != null
                        ? t("favourableValue", {
                            share: fmt.percent(point.favourable),
                            low: fmt.percent(point.favourableLow),
                            high: fmt.percent(point.favourableHigh),
                          })
                        : "–"}
                    </td>
                  </>
                ) : (
                  <td
                    colSpan={3}
                    className="suppressed"
                    data-reason={point.suppressedReason ?? "small"}
                  >
                    {point.suppressedReason && point.suppressedReason !== "small"
                      ? t(`suppressedReason.${point.suppressedReason}`)
                      : t("suppressed", { count: minCellSize, min: fmt.count(minCellSize) })}
                  </td>
                )}
                <td className="num">
                  {bench?.shown && bench.mean != null ? fmt.score(bench.mean) : "–"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
