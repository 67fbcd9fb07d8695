import { useTranslation } from "react-i18next";
import type { Formats } from "./format";
import type { Construct, Wave } from "./types";
import { useOpenForPrint } from "./use-open-for-print";

type Breakdown = Construct["breakdowns"][number];
type Cell = Breakdown["groups"][number]["cells"][number];

interface Props {
  construct: Construct;
  waves: Wave[];
  fmt: Formats;
}

function GroupCell({ cell, fmt }: { cell: Cell | undefined; fmt: Formats }) {
  const { t } = useTranslation("results");
  if (!cell || cell.suppressed === "empty") return <td className="num">–</td>;
  if (cell.suppressed)
    return (
      <td className="suppressed">
        {t(cell.suppressed === "small" ? "hiddenSmall" : "hiddenComplementary")}
      </td>
    );
  return (
    <td className="num">
      {cell.mean !== null ? fmt.score(cell.mean) : "–"}{" "}
      <span className="cell-n" dir="ltr">
        (n = {fmt.count(cell.n ?? 0)})
      </span>
      {/* Unequal weights cost precision: the cell's design effect beside its n. */}
      {cell.deff != null && cell.deff > 1.005 ? (
        <span className="cell-n"> {t("deffShort", { deff: fmt.score(cell.deff) })}</span>
      ) : null}
    </td>
  );
}

/**
 * One table per breakdown (age group, sex, neighbourhood, language, channel):
 * groups by waves, each cell a mean with its n; small groups and their
 * complementary partners are shown as hidden, as the server suppressed them.
 */
export function BreakdownTables({ construct, waves, fmt }: Props) {
  const { t } = useTranslation("results");
  const details = useOpenForPrint();
  const shown = construct.breakdowns.filter((b) => b.groups.length > 0);
  const groupName = (b: Breakdown, key: string, label: string | null) =>
    key === "_"
      ? t("group.notStated")
      : (label ??
        (b.dimension === "language" || b.dimension === "channel" ? t(`group.${key}`) : key));
  // No heading over nothing: a construct without any reportable group has no block.
  if (shown.length === 0) return null;
  return (
    <details className="breakdowns" ref={details}>
      <summary>{t("breakdownsTitle")}</summary>
      <p className="hint">{t("hiddenNote")}</p>
      {shown.map((b) => (
        <div className="table-wrap" key={b.dimension}>
          <table className="results-table">
            <caption>
              {t("breakdownCaption", {
                construct: construct.name,
                dimension: t(`dimension.${b.dimension}`),
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("colGroup")}</th>
                {waves.map((w) => (
                  <th scope="col" key={w.id}>
                    {w.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {b.groups.map((g) => (
                <tr key={g.key}>
                  <th scope="row">{groupName(b, g.key, g.label)}</th>
                  {waves.map((w) => (
                    <GroupCell key={w.id} cell={g.cells.find((c) => c.waveId === w.id)} fmt={fmt} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </details>
  );
}
