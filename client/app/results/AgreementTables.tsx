import { useTranslation } from "react-i18next";
import { DistributionTables } from "./DistributionTables";
import type { Formats } from "./format";
import type { Construct, Wave } from "./types";
import { useOpenForPrint } from "./use-open-for-print";

interface Props {
  construct: Construct;
  waves: Wave[];
  minCellSize: number;
  fmt: Formats;
}

/**
 * An agreement construct's items as tables of shares per answer, folded under
 * the mean's table: the mean says where answers centre, these how they spread
 * (a polarised item and a lukewarm one can share a mean). Opened for print.
 */
export function AgreementTables({ construct, waves, minCellSize, fmt }: Props) {
  const { t } = useTranslation("results");
  const details = useOpenForPrint();
  if (!construct.distributions?.length) return null;
  return (
    <details className="breakdowns" ref={details} data-testid={`agreement-${construct.id}`}>
      <summary>{t("distribution.agreementSummary")}</summary>
      <DistributionTables
        construct={construct}
        waves={waves}
        minCellSize={minCellSize}
        fmt={fmt}
        kind="agreement"
      />
    </details>
  );
}
