import { useTranslation } from "react-i18next";
import type { ProgramResults } from "../../../server/results/schema";
import { useAppLocale } from "../locale-context";
import { formatsFor } from "../results/format";

type Point = ProgramResults["benchmark"][number]["points"][number];

/**
 * One program cell: the mean (a frequency construct's: the share, in percent,
 * its interval cut at 0 and 100%) with its interval and n (a pooled cell also the
 * authorities it pools and its degrees of freedom), or why it is not shown:
 * too few answers, too few effective answers after weighting, or an interval
 * too wide, as the dashboards say it.
 * Suppression is asked before emptiness: a withheld cell may hide its n (null,
 * an authority's benchmark over fewer than three others), and must not read as
 * "no data" when people answered. Only a known n of 0 is "no data".
 */
export function ProgramCell({
  point,
  k,
  pooled = false,
  share = false,
}: {
  point: Point | undefined;
  k: number;
  pooled?: boolean;
  share?: boolean;
}) {
  const { t } = useTranslation("program");
  const { locale } = useAppLocale();
  const fmt = formatsFor(locale);
  const value = share ? (x: number) => fmt.percent(Math.min(1, Math.max(0, x))) : fmt.score;
  if (!point || point.n === 0) return <span className="program-muted">{t("noData")}</span>;
  if (point.suppressed || point.mean === null || point.n === null)
    return (
      <span className="program-muted">
        {point.suppressedReason === "effective" || point.suppressedReason === "imprecise"
          ? t(`withheld.${point.suppressedReason}`, { k })
          : t("suppressed", { k })}
      </span>
    );
  return (
    <>
      <strong>{value(point.mean)}</strong>
      {point.ciLow !== null && point.ciHigh !== null ? (
        <span className="program-ci">
          {" "}
          <span dir="ltr">
            [{value(point.ciLow)}, {value(point.ciHigh)}]
          </span>
        </span>
      ) : point.engagement ? (
        <span className="program-note">{t("engagement")}</span>
      ) : pooled && point.authorities !== null && point.df === null ? (
        <span className="program-note">{t("noInterval")}</span>
      ) : null}
      <span className="program-n">
        {" "}
        {t("n")} = {fmt.count(point.n)}
      </span>
      {pooled && point.authorities !== null ? (
        <span className="program-n" data-testid="program-pooled-meta">
          {point.df === null
            ? t("pooledAuthorities", { count: fmt.count(point.authorities) })
            : t("pooledMeta", { count: fmt.count(point.authorities), df: fmt.count(point.df) })}
        </span>
      ) : null}
    </>
  );
}
