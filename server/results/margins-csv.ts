import { AnalysisInputError } from "../analytics/input-error";
import { parseCsv } from "../analytics/csv";
import { NEIGHBOURHOOD_KEY } from "../authorities/neighbourhoods";
import type { ErrorDetail } from "../errors";
import { MARGIN_VARIABLES, type MarginVariable } from "./margin-set-schema";

/** The columns of a researcher's margins file (docs/methods.md, section 3). */
export const MARGINS_CSV_COLUMNS = ["source", "year", "variable", "category", "share"] as const;

/** Short names a researcher types, and the question ids, for the same variable. */
const VARIABLES: Record<string, MarginVariable> = Object.fromEntries([
  ...MARGIN_VARIABLES.map((v) => [v, v] as const),
  ...MARGIN_VARIABLES.map((v) => [v.replace(/^dem_/, ""), v] as const),
]);

const CODE = /^[0-9]{1,3}$/;
const YEAR = /^[0-9]{4}$/;
/** A share as a fraction (0.485) or a percentage (48.5%). */
const SHARE = /^([0-9]+(?:\.[0-9]+)?)(%?)$/;
/** Published tables round; beyond this a variable's shares do not describe a population. */
const SUM_SLACK = 1e-3;

/** What a margins file says, as far as it could be read, and every problem found in it. */
export interface MarginsCsvReading {
  source: string | null;
  year: number | null;
  margins: Array<{ variable: MarginVariable; shares: Record<string, number> }>;
  /** Row problems (`row.N`, the header being row 1) first, then per variable, then the file. */
  problems: ErrorDetail[];
}

/**
 * Reads a margins file: one row per variable × category with its population
 * share, and the source and year of the figures on every row (one file is one
 * version, so they must be the same throughout). A share of 0 leaves the
 * category out, as the CBS's nil does; each variable's shares must add up to 1
 * (± 0.001, published rounding) and name at least two categories. Nothing is
 * thrown: the caller shows the problems (a check) or refuses the file (an import).
 */
export function readMarginsCsv(csv: string): MarginsCsvReading {
  const empty = (problems: ErrorDetail[]): MarginsCsvReading => ({
    source: null,
    year: null,
    margins: [],
    problems,
  });
  let table;
  try {
    table = parseCsv(csv);
  } catch (err) {
    if (!(err instanceof AnalysisInputError)) throw err;
    const line = /line (\d+)/.exec(err.message)?.[1];
    return empty([{ path: line ? `row.${line}` : "file", code: "malformed_margins_csv" }]);
  }
  const missing = MARGINS_CSV_COLUMNS.filter((c) => !table.columns.includes(c));
  if (missing.length > 0)
    return empty(missing.map((c) => ({ path: `header.${c}`, code: "missing_margins_column" })));
  if (table.rows.length === 0) return empty([{ path: "file", code: "no_rows" }]);

  const problems: ErrorDetail[] = [];
  const first = table.rows[0]!;
  const source = first.source!.trim();
  const yearText = first.year!.trim();
  const shares = new Map<MarginVariable, Map<string, number>>();
  table.rows.forEach((r, i) => {
    const row = `row.${i + 2}`;
    const problem = rowProblem(r, source, yearText);
    if (problem) return void problems.push({ path: row, code: problem });
    const variable = VARIABLES[r.variable!.trim()]!;
    const category = r.category!.trim();
    const of = shares.get(variable) ?? new Map<string, number>();
    if (of.has(category)) return void problems.push({ path: row, code: "duplicate_category" });
    const [, number, percent] = SHARE.exec(r.share!.trim())!;
    of.set(category, Number(number) / (percent ? 100 : 1));
    shares.set(variable, of);
  });
  const rowProblems = problems.length;
  const margins = [...shares].map(([variable, of]) => {
    const positive = [...of].filter(([, s]) => s > 0);
    const sum = positive.reduce((a, [, s]) => a + s, 0);
    // Only on otherwise clean rows: a bad row often explains a missing category or sum.
    if (rowProblems === 0) {
      if (positive.length < 2)
        problems.push({ path: `variable.${variable}`, code: "too_few_categories" });
      else if (Math.abs(sum - 1) > SUM_SLACK)
        problems.push({ path: `variable.${variable}`, code: "sum_not_1" });
    }
    return { variable, shares: Object.fromEntries(positive) };
  });
  const year = YEAR.test(yearText) ? Number(yearText) : null;
  return { source: source.length >= 2 ? source : null, year, margins, problems };
}

/** The first problem of one data row, or null; source and year must match the first row's. */
function rowProblem(r: Record<string, string>, source: string, year: string): string | null {
  const ownSource = r.source!.trim();
  if (ownSource.length < 2 || ownSource.length > 200) return "bad_source";
  const ownYear = r.year!.trim();
  if (!YEAR.test(ownYear) || Number(ownYear) < 1948 || Number(ownYear) > 2100) return "bad_year";
  if (ownSource !== source || ownYear !== year) return "mixed_source";
  const variable = VARIABLES[r.variable!.trim()];
  if (!variable) return "unknown_variable";
  const pattern = variable === "dem_neighbourhood" ? NEIGHBOURHOOD_KEY : CODE;
  if (!pattern.test(r.category!.trim())) return "bad_category";
  const share = SHARE.exec(r.share!.trim());
  if (!share) return "bad_share";
  const value = Number(share[1]) / (share[2] ? 100 : 1);
  if (value > 1) return "bad_share";
  return null;
}
