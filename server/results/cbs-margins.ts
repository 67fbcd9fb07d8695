import { AnalysisInputError } from "../analytics/input-error";
import { parseCsv } from "../analytics/csv";
import { NEIGHBOURHOOD_KEY } from "../authorities/neighbourhoods";
import { MarginsFileError, type ErrorDetail } from "../errors";
import type { MarginVariable } from "./margin-set-schema";

/**
 * Column `variable` of the CBS layout → the demographics question it weights.
 * Both the short names (as the CBS tables head their sections) and the question
 * ids are taken.
 */
const VARIABLES: Record<string, MarginVariable> = {
  sex: "dem_sex",
  age_band: "dem_age_band",
  population_group: "dem_population_group",
  education: "dem_education",
  neighbourhood: "dem_neighbourhood",
  dem_sex: "dem_sex",
  dem_age_band: "dem_age_band",
  dem_population_group: "dem_population_group",
  dem_education: "dem_education",
  dem_neighbourhood: "dem_neighbourhood",
};

export const CBS_COLUMNS = ["locality_code", "variable", "category", "count"] as const;
const CODE = /^[0-9]{1,3}$/;
/** A count: digits, an optional decimal part (the CBS publishes some tables in thousands). */
const COUNT = /^[0-9]+(\.[0-9]+)?$/;

/**
 * Reads the margins of one locality from a CBS locality table saved as CSV
 * (docs/methods.md, section 3): one row per locality × variable × category
 * with the count of residents aged 18+. Rows of other localities are skipped
 * (the CBS publishes all localities in one table); "-" is the CBS's nil (a
 * category with no residents, left out) and ".." its "not available" (refused:
 * a share cannot be made of it). Counts become shares per variable. Every
 * problem is reported with its row (the header is row 1), all at once.
 */
export function parseCbsMargins(
  csv: string,
  localityCode: string,
): Array<{ variable: MarginVariable; shares: Record<string, number> }> {
  let table;
  try {
    table = parseCsv(csv);
  } catch (err) {
    if (!(err instanceof AnalysisInputError)) throw err;
    const line = /line (\d+)/.exec(err.message)?.[1];
    throw new MarginsFileError([{ path: line ? `row.${line}` : "file", code: "malformed_csv" }]);
  }
  const missing = CBS_COLUMNS.filter((c) => !table.columns.includes(c));
  if (missing.length > 0)
    throw new MarginsFileError(
      missing.map((c) => ({ path: `header.${c}`, code: "missing_column" })),
    );

  const details: ErrorDetail[] = [];
  const counts = new Map<MarginVariable, Map<string, number>>();
  const wanted = Number(localityCode);
  table.rows.forEach((r, i) => {
    const row = `row.${i + 2}`;
    const code = r.locality_code!.trim();
    if (!/^[0-9]{1,4}$/.test(code))
      return void details.push({ path: row, code: "bad_locality_code" });
    if (Number(code) !== wanted) return;
    const variable = VARIABLES[r.variable!.trim()];
    if (!variable) return void details.push({ path: row, code: "unknown_variable" });
    const category = r.category!.trim();
    const pattern = variable === "dem_neighbourhood" ? NEIGHBOURHOOD_KEY : CODE;
    if (!pattern.test(category)) return void details.push({ path: row, code: "bad_category" });
    const text = r.count!.trim().replace(/,/g, "");
    if (text === "..") return void details.push({ path: row, code: "not_available" });
    if (text !== "-" && !COUNT.test(text))
      return void details.push({ path: row, code: "bad_count" });
    const of = counts.get(variable) ?? new Map<string, number>();
    if (of.has(category)) return void details.push({ path: row, code: "duplicate_category" });
    of.set(category, text === "-" ? 0 : Number(text));
    counts.set(variable, of);
  });
  if (details.length === 0 && counts.size === 0)
    details.push({ path: "body.localityCode", code: "locality_not_found" });
  const rowProblems = details.length;
  const margins = [...counts].map(([variable, of]) => {
    const positive = [...of].filter(([, n]) => n > 0);
    const total = positive.reduce((a, [, n]) => a + n, 0);
    // Only on an otherwise clean file: a bad row often explains a missing category.
    if (positive.length < 2 && rowProblems === 0)
      details.push({ path: `variable.${variable}`, code: "too_few_categories" });
    return { variable, shares: Object.fromEntries(positive.map(([c, n]) => [c, n / total])) };
  });
  if (details.length > 0) throw new MarginsFileError(details);
  return margins;
}
