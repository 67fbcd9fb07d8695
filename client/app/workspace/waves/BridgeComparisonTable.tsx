import { useTranslation } from "react-i18next";
import { useAppLocale } from "../../locale-context";
import type { BridgeComparison } from "../../../../server/waves/bridge-schema";

/**
 * The two wordings of a bridged wave side by side (server/waves/bridge-comparison.ts):
 * per changed item, the old wording's mean, the new one's, each with its n, and
 * the difference with its 95% interval, in points of the scale's range. A mean
 * is never shown bare: n beside it, and "too few" below the smallest cell.
 */
export function BridgeComparisonTable({ comparison }: { comparison: BridgeComparison }) {
  const { t } = useTranslation("ws-waves");
  const { locale } = useAppLocale();
  const fmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(locale, {
    maximumFractionDigits: 1,
    signDisplay: "exceptZero",
  });
  const mean = (a: { n: number; mean: number | null }) =>
    a.mean === null
      ? t("bridge.tooFew", { n: a.n, min: comparison.minCell })
      : t("bridge.mean", { mean: fmt.format(a.mean), n: a.n });
  if (comparison.items.length === 0) return null;
  return (
    <div className="ws-table-wrap" data-testid="bridge-comparison">
      <table className="ws-table wv-bridge__table">
        <caption>
          {t("bridge.caption", {
            old: comparison.arms.bridge.n,
            now: comparison.arms.main.n,
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("bridge.item")}</th>
            <th scope="col">{t("bridge.oldMean")}</th>
            <th scope="col">{t("bridge.newMean")}</th>
            <th scope="col">{t("bridge.difference")}</th>
          </tr>
        </thead>
        <tbody>
          {comparison.items.map((item) => (
            <tr key={item.newId}>
              <th scope="row">
                <span>{item.text.new[locale]}</span>
                <span className="ws-muted wv-bridge__ids" dir="ltr">
                  {item.oldId} → {item.newId}
                </span>
              </th>
              <td>{mean(item.bridge)}</td>
              <td>{mean(item.main)}</td>
              <td>
                {item.difference
                  ? t("bridge.interval", {
                      estimate: signed.format(item.difference.estimate),
                      low: signed.format(item.difference.low),
                      high: signed.format(item.difference.high),
                    })
                  : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="ws-hint">{t("bridge.scaleNote")}</p>
    </div>
  );
}
