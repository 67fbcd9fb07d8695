import { useTranslation } from "react-i18next";
import type { Formats } from "./format";
import type { Construct, Point, Wave } from "./types";

interface Props {
  construct: Construct;
  waves: Wave[];
  fmt: Formats;
}

/**
 * A bridged wave's two arms of a construct its new version changed, side by
 * side: the old wording (comparable with earlier waves) and the new (the
 * wave's point, where the new series starts). Never pooled: the two wordings
 * are two measures. A frequency construct is given by its favourable share.
 */
export function BridgeArms({ construct, waves, fmt }: Props) {
  const { t } = useTranslation("results");
  if (construct.bridgeArms.length === 0) return null;
  const share = construct.reportedAs === "distribution";
  const value = (p: Point) => {
    const v = share ? p.favourable : p.mean;
    if (p.suppressed || v === null) return t("bridgeArms.withheld");
    return share ? fmt.percent(v) : fmt.score(v);
  };
  return (
    <ul className="method-note" data-testid={`bridge-arms-${construct.id}`}>
      {construct.bridgeArms.map((a) => (
        <li key={a.waveId}>
          {t("bridgeArms.line", {
            wave: waves.find((w) => w.id === a.waveId)?.name ?? "",
            old: value(a.bridge),
            oldN: fmt.count(a.bridge.n),
            new: value(a.main),
            newN: fmt.count(a.main.n),
          })}
        </li>
      ))}
    </ul>
  );
}
