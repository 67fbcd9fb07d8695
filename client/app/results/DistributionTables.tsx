import { useTranslation } from "react-i18next";
import type { Formats } from "./format";
import type { Construct, Wave } from "./types";

type Distribution = NonNullable<Construct["distributions"]>[number];
type DistributionPoint = Distribution["points"][number];

interface Props {
  construct: Construct;
  waves: Wave[];
  minCellSize: number;
  fmt: Formats;
  /** "frequency": the construct's only report; "agreement": tables beside its mean. */
  kind?: "frequency" | "agreement";
}

function ShareCell({
  point,
  value,
  fmt,
}: {
  point: DistributionPoint | undefined;
  value: number;
  fmt: Formats;
}) {
  const { t } = useTranslation("results");
  const s = point?.shares.find((x) => x.value === value);
  if (!s) return <td className="num">–</td>;
  return (
    <td className="num">
      {fmt.percent(s.share)}
      {s.ciLow !== null && s.ciHigh !== null ? (
        <span className="share-ci">
          {t("ciRange", { low: fmt.percent(s.ciLow), high: fmt.percent(s.ciHigh) })}
        </span>
      ) : null}
    </td>
  );
}

/**
 * A construct's items, each as a table of answers by waves: the share choosing
 * each answer with its 95% interval. For a frequency construct this is the
 * whole report (its codes are categories and a mean of them says nothing); for
 * an agreement construct it shows how the answers behind the mean spread. A
 * withheld wave says why.
 */
export function DistributionTables({
  construct,
  waves,
  minCellSize,
  fmt,
  kind = "frequency",
}: Props) {
  const { t } = useTranslation("results");
  return (
    <>
      <p className="method-note">
        {t(kind === "agreement" ? "distribution.agreementNote" : "distribution.note")}
      </p>
      {(construct.distributions ?? []).map((d) => {
        const pointOf = (waveId: string) => d.points.find((p) => p.waveId === waveId);
        return (
          <div className="table-wrap" key={d.itemId}>
            <table className="results-table" data-testid={`distribution-${d.itemId}`}>
              <caption>{t("distribution.caption", { item: d.text })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("distribution.colAnswer")}</th>
                  {waves.map((w) => (
                    <th scope="col" key={w.id}>
                      {w.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">{t("distribution.rowN")}</th>
                  {waves.map((w) => {
                    const p = pointOf(w.id);
                    return (
                      <td className="num" key={w.id}>
                        {/* No point: n unknown, not 0 (a withheld wave keeps its real n). */}
                        {p ? fmt.count(p.n) : "–"}
                        {p?.effectiveN != null && p.deff != null ? (
                          <span className="share-ci">
                            {t("distribution.effective", {
                              effectiveN: fmt.count(Math.round(p.effectiveN)),
                              deff: fmt.score(p.deff),
                            })}
                          </span>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
                {d.categories.map((c) => (
                  <tr key={c.value}>
                    <th scope="row">{c.label}</th>
                    {waves.map((w) => {
                      const p = pointOf(w.id);
                      if (p?.suppressedReason && c === d.categories[0])
                        return (
                          <td
                            key={w.id}
                            rowSpan={d.categories.length}
                            className="suppressed"
                            data-reason={p.suppressedReason}
                          >
                            {p.suppressedReason !== "small"
                              ? t(`suppressedReason.${p.suppressedReason}`)
                              : t("suppressed", {
                                  count: minCellSize,
                                  min: fmt.count(minCellSize),
                                })}
                          </td>
                        );
                      if (p?.suppressedReason) return null;
                      return <ShareCell key={w.id} point={p} value={c.value} fmt={fmt} />;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </>
  );
}
