import { useState } from "react";
import { useTranslation } from "react-i18next";
import { hrefOf, wavePath } from "../routes";
import type { Formats } from "./format";
import { share } from "./format";
import { COLUMNS, sortRows, type Column } from "./program-sort";
import type { ProgramRow } from "./types";
import { useAppLocale } from "../../locale-context";

interface Props {
  rows: ProgramRow[];
  fmt: Formats;
}

/** Authority × wave: target, completes, progress to target, SMS funnel head; sortable. */
export function ProgramTable({ rows, fmt }: Props) {
  const { t } = useTranslation("ws-monitoring");
  const { locale } = useAppLocale();
  const [sort, setSort] = useState<{ column: Column; descending: boolean }>({
    column: "authority",
    descending: false,
  });
  const sorted = sortRows(rows, sort.column, sort.descending, locale);
  const header = (column: Column) => {
    const active = sort.column === column;
    return (
      <th
        scope="col"
        key={column}
        aria-sort={active ? (sort.descending ? "descending" : "ascending") : undefined}
      >
        <button
          type="button"
          className="mon-sort"
          data-testid={`sort-${column}`}
          onClick={() =>
            setSort({
              column,
              // numbers start from the largest, names from A
              descending: active ? !sort.descending : column !== "authority" && column !== "wave",
            })
          }
        >
          {t(`program.col.${column}`)}
          <span aria-hidden="true" className="mon-sort__mark">
            {active ? (sort.descending ? "▼" : "▲") : "↕"}
          </span>
        </button>
      </th>
    );
  };
  return (
    <div className="ws-table-wrap" role="region" aria-labelledby="mon-program-caption" tabIndex={0}>
      <table className="ws-table mon-table" data-testid="program-table">
        <caption id="mon-program-caption" className="mon-caption">
          {t("program.caption", { count: rows.length, n: fmt.count(rows.length) })}
          <span className="visually-hidden">{t("program.sortHint")}</span>
        </caption>
        <thead>
          <tr>{COLUMNS.map(header)}</tr>
        </thead>
        <tbody>
          {sorted.map((row) => {
            const progress = share(row.completes, row.target);
            return (
              <tr key={row.wave.id} data-testid={`program-row-${row.wave.id}`}>
                <th scope="row">{row.authority.name}</th>
                <td>
                  <a
                    href={hrefOf(wavePath(row.authority.slug, row.wave.id, "monitoring"), locale)}
                    aria-label={t("program.open", {
                      wave: row.wave.name,
                      authority: row.authority.name,
                    })}
                  >
                    {row.wave.name}
                  </a>
                  <span className={`ws-badge mon-status mon-status--${row.wave.status}`}>
                    {t(`waveStatus.${row.wave.status}`)}
                  </span>
                </td>
                <td className="mon-num">{row.target === null ? "–" : fmt.count(row.target)}</td>
                <td className="mon-num" data-testid="program-completes">
                  {fmt.count(row.completes)}
                </td>
                <td className="mon-progress-cell">
                  <span className="mon-num">{fmt.percent(progress)}</span>
                  {progress !== null ? (
                    <span className="mon-meter" aria-hidden="true">
                      <span style={{ inlineSize: `${Math.min(100, progress * 100)}%` }} />
                    </span>
                  ) : (
                    <span className="visually-hidden">{t("program.noTarget")}</span>
                  )}
                </td>
                <td className="mon-num">{fmt.count(row.sms.invited)}</td>
                <td className="mon-num">{fmt.count(row.sms.completed)}</td>
                <td className="mon-num">{fmt.percent(row.responseRate)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
