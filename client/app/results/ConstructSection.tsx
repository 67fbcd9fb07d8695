import { useTranslation } from "react-i18next";
import { AgreementTables } from "./AgreementTables";
import { BreakdownTables } from "./BreakdownTables";
import { BridgeArms } from "./BridgeArms";
import { ChangeSummary } from "./ChangeSummary";
import { ConstructChart } from "./ConstructChart";
import { DistributionTables } from "./DistributionTables";
import type { Formats } from "./format";
import { ResultsTable } from "./ResultsTable";
import type { AuthorityResults, Construct } from "./types";

interface Props {
  construct: Construct;
  data: AuthorityResults;
  slug: string;
  fmt: Formats;
}

/**
 * One construct of an authority's results: a mean with its change, chart and
 * tables; or, for frequency codes (categories), the share of each answer.
 */
export function ConstructSection({ construct: c, data, slug, fmt }: Props) {
  const { t } = useTranslation("results");
  const { waves, minCellSize } = data;
  return (
    <section className="construct" aria-labelledby={`construct-${c.id}`}>
      <h2 id={`construct-${c.id}`}>{c.name}</h2>
      {c.description ? <p className="construct__description">{c.description}</p> : null}
      <p className="construct__meta">
        {/* Frequency codes are categories: no "scale 1 to 5" for them. */}
        {c.reportedAs === "mean"
          ? t("scale", { min: fmt.count(c.scale.min), max: fmt.count(c.scale.max) })
          : null}
        {c.reportedAs === "mean" && c.source ? " · " : null}
        {c.source ? t("source", { source: c.source }) : null}
      </p>
      {c.reportedAs === "distribution" ? (
        // Frequency codes are categories: no mean, chart of means or test of them.
        <>
          <DistributionTables construct={c} waves={waves} minCellSize={minCellSize} fmt={fmt} />
          <BridgeArms construct={c} waves={waves} fmt={fmt} />
        </>
      ) : (
        <>
          <ChangeSummary construct={c} waves={waves} fmt={fmt} />
          <ConstructChart construct={c} waves={waves} slug={slug} authority={data.authority.name} />
          <ResultsTable construct={c} waves={waves} minCellSize={minCellSize} fmt={fmt} />
          <BridgeArms construct={c} waves={waves} fmt={fmt} />
          <BreakdownTables construct={c} waves={waves} fmt={fmt} />
          <AgreementTables construct={c} waves={waves} minCellSize={minCellSize} fmt={fmt} />
        </>
      )}
    </section>
  );
}
