import { DISPOSITIONS } from "../analytics/dispositions";
import type { AuthorityResults } from "../results/schema";
import type { ExportValue } from "./rows";

const RATES = [
  "RR1",
  "RR2",
  "RR3",
  "RR4",
  "RR5",
  "RR6",
  "COOP1",
  "COOP2",
  "COOP3",
  "COOP4",
  "REF1",
  "REF2",
  "REF3",
  "CON1",
  "CON2",
  "CON3",
] as const;

/** Columns of the disclosure sheet: one row per authority × wave × channel. */
export const DISCLOSURE_COLUMNS = [
  "authority",
  "wave",
  "wave_name",
  "design",
  "opens_at",
  "closes_at",
  "closed",
  "channel",
  "frame",
  "responses",
  "invitations",
  ...DISPOSITIONS.map((d) => `disposition_${d.replace("-", "_")}`),
  ...RATES.map((r) => r.toLowerCase()),
  "e",
  "e_source",
  "weighting",
  "weighting_variables",
  "deff",
  "effective_n",
  "weighting_failure",
  "margin_set_version",
  "margin_set_source",
  "margin_set_year",
  "weight_cap",
  "weight_cap_met",
  "nonresponse_adjusted",
  "nonresponse_reason",
  "nonresponse_classes",
].map((name) => ({ name }));

type NonResponse = AuthorityResults["waves"][number]["disclosure"]["weighting"]["nonResponse"];

/** Each class of the non-response step: its frame values, respondents of invitations, factor. */
function classesText(step: NonResponse): string | null {
  if (!step.applied) return null;
  return step.cells
    .map((c) => {
      const values = Object.entries(c.values).map(([k, v]) => `${k}=${v}`);
      return `${values.join(" ") || "all"}: ${c.respondents} of ${c.invitations}, factor ${c.factor}`;
    })
    .join("; ");
}

/** The disclosure rows of one authority's results, as the results page shows them. */
export function disclosureRows(slug: string, r: AuthorityResults): ExportValue[][] {
  return r.waves.flatMap((w) => {
    const d = w.disclosure;
    return d.outcomes.map((o): ExportValue[] => [
      slug,
      w.id,
      w.name,
      d.design,
      d.opensAt,
      d.closesAt,
      d.closed ? "yes" : "no",
      o.channel,
      o.frame,
      o.responses,
      o.invitations,
      ...DISPOSITIONS.map((k) => o.dispositions?.[k] ?? null),
      ...RATES.map((k) => o.rates?.[k] ?? null),
      o.rates?.e ?? null,
      o.rates?.eSource ?? null,
      d.weighting.method,
      d.weighting.variables.join(" "),
      d.weighting.deff,
      d.weighting.effectiveN,
      // Why the fit failed (a stable code), so a file never shows a failed wave as weighted.
      d.weighting.failure?.code ?? null,
      d.weighting.marginSet?.version ?? null,
      d.weighting.marginSet?.source ?? null,
      d.weighting.marginSet?.year ?? null,
      d.weighting.trimming?.cap ?? null,
      d.weighting.trimming ? (d.weighting.trimming.converged ? "yes" : "no") : null,
      // The non-response step: applied within the list's classes, or why not.
      d.weighting.nonResponse.applied ? "yes" : "no",
      d.weighting.nonResponse.reason,
      classesText(d.weighting.nonResponse),
    ]);
  });
}
