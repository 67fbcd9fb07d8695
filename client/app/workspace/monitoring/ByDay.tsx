import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { DAY_SERIES, type Formats } from "./format";
import type { WaveMonitoring } from "./types";

// chart.js comes with the first wave that has days to draw, not with the workspace.
const ByDayChart = lazy(() => import("./ByDayChart"));

interface Props {
  days: WaveMonitoring["byDay"];
  fmt: Formats;
}

/**
 * Invitations, completed links and stored responses per Israel calendar day:
 * a chart, and the same figures as a table, which screen readers always get
 * and anyone can show instead of the chart.
 */
export function ByDay({ days, fmt }: Props) {
  const { t } = useTranslation("ws-monitoring");
  const [asTable, setAsTable] = useState(false);
  return (
    <section className="mon-card mon-card--wide" aria-labelledby="mon-day-title">
      <div className="mon-card__head">
        <h3 id="mon-day-title">{t("wave.day.title")}</h3>
        {days.length > 0 ? (
          <button
            type="button"
            className="ws-link-button"
            aria-pressed={asTable}
            data-testid="by-day-toggle"
            onClick={() => setAsTable((v) => !v)}
          >
            {asTable ? t("wave.day.showChart") : t("wave.day.showTable")}
          </button>
        ) : null}
      </div>
      {days.length === 0 ? (
        <p className="ws-muted">{t("wave.none")}</p>
      ) : (
        <>
          {asTable ? null : (
            <Suspense fallback={<p role="status">{t("wave.day.loadingChart")}</p>}>
              <ByDayChart days={days} />
            </Suspense>
          )}
          <div
            className={asTable ? "ws-table-wrap" : "visually-hidden"}
            role="region"
            aria-labelledby="mon-day-caption"
            tabIndex={asTable ? 0 : -1}
          >
            <table className="ws-table mon-table" data-testid="by-day-table">
              <caption id="mon-day-caption" className="visually-hidden">
                {t("wave.day.caption")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("wave.day.date")}</th>
                  {DAY_SERIES.map((s) => (
                    <th scope="col" key={s}>
                      {t(`wave.day.series.${s}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {days.map((d) => (
                  <tr key={d.date}>
                    <th scope="row">{fmt.day(d.date)}</th>
                    {DAY_SERIES.map((s) => (
                      <td className="mon-num" key={s}>
                        {fmt.count(d[s])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
