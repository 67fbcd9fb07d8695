import { useTranslation } from "react-i18next";
import type { Evaluation } from "../../../server/results/evaluation-schema";
import { useAppLocale } from "../locale-context";
import { useJson } from "../use-json";
import type { Formats } from "./format";

/**
 * The program's difference in differences against comparison localities, per
 * construct and pair of periods, with its interval, df and p, each marked as a
 * pre-registered primary outcome or exploratory. A row that involves an
 * engagement wave says so instead of an interval; a withheld row says why. Shown only where comparison
 * localities exist; the figure is the program's, not this authority's.
 *
 * On a phone the seven columns do not fit, and scrolling sideways hid the
 * interval: there each row is a card of its cells, each cell led by its
 * column's name (`data-label`, drawn by results.css `.did-table` with an
 * empty alternative text, so a screen reader does not read it twice). The
 * table's roles are stated, so a screen reader still reads a table whose
 * cells have their column headers when CSS lays the rows out as cards.
 */
export function DidTable({ fmt }: { fmt: Formats }) {
  const { t } = useTranslation("results");
  const { locale } = useAppLocale();
  const [state] = useJson<Evaluation>(`/api/results/evaluation?lang=${locale}`);
  if (state.kind !== "ready") return null;
  const e = state.data;
  if (e.comparisonAuthorities === 0 || e.did.length === 0) return null;
  const name = (id: string) => e.constructs.find((c) => c.id === id)?.name ?? id;
  const period = (p: string) => (p === "baseline" ? t("did.baseline") : p);
  const rows = e.did.filter((d) => d.from === "baseline");
  // A share's difference is read in percentage points (× 100), a mean's in scale points.
  const signed = (measure: string, x: number) => fmt.signed(measure === "share" ? 100 * x : x);
  const registered = e.primaryOutcomes;
  const columns = {
    estimate: t("did.colEstimate"),
    ci: t("colCi"),
    df: t("did.colDf"),
    p: t("did.colP"),
    role: t("did.colRole"),
    periods: t("did.colPeriods"),
  };
  return (
    <section className="did" aria-labelledby="did-title">
      <h2 id="did-title">{t("did.title")}</h2>
      <p className="method-note">
        {t("did.intro", {
          treated: fmt.count(e.treatedAuthorities),
          comparison: fmt.count(e.comparisonAuthorities),
        })}
      </p>
      <p className="method-note">
        {registered.constructIds.length === 0
          ? t("did.noPrimary")
          : t(registered.frozen ? "did.primaryFrozen" : "did.primaryOpen", {
              list: registered.constructIds.map(name).join(", "),
            })}
      </p>
      <div className="table-wrap">
        <table className="results-table did-table" role="table">
          <caption>{t("did.caption")}</caption>
          <thead role="rowgroup">
            <tr role="row">
              {[
                t("colConstruct"),
                columns.periods,
                columns.estimate,
                columns.ci,
                columns.df,
                columns.p,
                columns.role,
              ].map((header, i) => (
                <th key={i} scope="col" role="columnheader">
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody role="rowgroup">
            {rows.map((d) => (
              <tr key={`${d.constructId}-${d.from}-${d.to}`} data-measure={d.measure} role="row">
                <th scope="row" role="rowheader">
                  {name(d.constructId)}
                  {/* A frequency construct's DiD is of its favourable share, in points. */}
                  {d.measure === "share" ? (
                    <span className="share-ci">{t("did.shareNote")}</span>
                  ) : null}
                </th>
                <td role="cell" data-label={columns.periods}>
                  {t("did.periods", { from: period(d.from), to: period(d.to) })}
                </td>
                <td role="cell" data-label={columns.estimate} className="num">
                  {d.estimate === null ? "–" : signed(d.measure, d.estimate)}
                </td>
                <td
                  role="cell"
                  data-label={columns.ci}
                  // A note, not a number: it wraps in the narrow column.
                  className={
                    d.suppressedReason || d.engagement || d.estimate === null ? undefined : "num"
                  }
                  data-reason={
                    d.suppressedReason ??
                    (d.engagement
                      ? "engagement"
                      : d.estimate === null
                        ? "not-estimated"
                        : undefined)
                  }
                >
                  {d.suppressedReason
                    ? t(`suppressedReason.${d.suppressedReason}`)
                    : d.engagement
                      ? t("change.engagementOnly")
                      : d.estimate === null
                        ? t("did.notEstimated")
                        : d.ciLow === null || d.ciHigh === null
                          ? "–"
                          : t("ciRange", {
                              low: signed(d.measure, d.ciLow),
                              high: signed(d.measure, d.ciHigh),
                            })}
                </td>
                <td role="cell" data-label={columns.df} className="num">
                  {d.df === null ? "–" : fmt.count(d.df)}
                </td>
                <td role="cell" data-label={columns.p} className="num">
                  {d.p === null ? "–" : fmt.p(d.p)}
                </td>
                <td role="cell" data-label={columns.role}>
                  {d.primary ? t("did.primary") : t("did.exploratory")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
