import type { CsvTable } from "./csv";
import { AnalysisInputError } from "./input-error";
import type { Margin } from "./raking";

/** One response of the export, typed: the columns the analysis uses. */
export interface ExportResponse {
  authority: string;
  wave: string;
  submittedAt: number;
  /** Null when the row has no weight (its authority × wave is unweighted). */
  weight: number | null;
  /** construct → score; a construct without a score is absent. */
  scores: Map<string, number>;
  /**
   * In a wave with a split-ballot bridge, the arm the response was asked:
   * "bridge" (the old wording) or "main" (the new); null otherwise.
   */
  arm?: "bridge" | "main" | null;
  /**
   * construct → the measure its version asks it as (the export's
   * measure_<construct> columns, present only where the file's versions ask a
   * construct as more than one measure); absent: the construct's one measure.
   */
  measures?: Map<string, number>;
  /** Every column as text, for raking on demographic variables. */
  raw: Record<string, string>;
}

/** The responses export, checked and typed. */
export interface ExportData {
  constructs: string[];
  responses: ExportResponse[];
  weighted: boolean;
}

const REQUIRED = ["authority", "wave", "submitted_at"] as const;
const SCORE_PREFIX = "score_";
const MEASURE_PREFIX = "measure_";

/**
 * Reads the responses export (see issue 9): requires authority, wave,
 * submitted_at and at least one score_<construct> column, and uses the scores as
 * they are. A `weight` value, where given, must be a positive number. Whether
 * the weights are complete is a question per authority × wave (the dashboards
 * weight a wave when its authority has margins), so `analyzeExport` checks it
 * there: an export of several authorities of which only some are weighted is
 * valid.
 */
export function readExport(table: CsvTable): ExportData {
  const missing = REQUIRED.filter((c) => !table.columns.includes(c));
  if (missing.length > 0) throw new AnalysisInputError(`missing column(s): ${missing.join(", ")}`);
  const scoreColumns = table.columns.filter((c) => c.startsWith(SCORE_PREFIX) && c.length > 6);
  if (scoreColumns.length === 0)
    throw new AnalysisInputError("no score_<construct> column in the responses file");
  const measureColumns = table.columns.filter(
    (c) => c.startsWith(MEASURE_PREFIX) && c.length > MEASURE_PREFIX.length,
  );
  const hasWeight =
    table.columns.includes("weight") && table.rows.some((r) => (r.weight ?? "").trim() !== "");

  const responses = table.rows.map((row, i): ExportResponse => {
    const where = `data row ${i + 1}`;
    const submittedAt = Date.parse(row.submitted_at ?? "");
    if (Number.isNaN(submittedAt))
      throw new AnalysisInputError(`${where}: submitted_at "${row.submitted_at}" is not a date`);
    for (const c of ["authority", "wave"] as const)
      if ((row[c] ?? "").trim() === "") throw new AnalysisInputError(`${where}: ${c} is empty`);
    let weight: number | null = null;
    const weightText = (row.weight ?? "").trim();
    if (hasWeight && weightText !== "") {
      weight = Number(weightText);
      if (!(weight > 0) || !Number.isFinite(weight))
        throw new AnalysisInputError(`${where}: weight "${row.weight}" is not a positive number`);
    }
    const scores = new Map<string, number>();
    for (const column of scoreColumns) {
      const text = (row[column] ?? "").trim();
      if (text === "") continue; // a construct the respondent did not answer enough of
      const value = Number(text);
      if (!Number.isFinite(value))
        throw new AnalysisInputError(`${where}: ${column} "${text}" is not a number`);
      scores.set(column.slice(SCORE_PREFIX.length), value);
    }
    const armText = (row.arm ?? "").trim();
    if (armText !== "" && armText !== "bridge" && armText !== "main")
      throw new AnalysisInputError(`${where}: arm "${row.arm}" is not bridge or main`);
    const measures = new Map<string, number>();
    for (const column of measureColumns) {
      const text = (row[column] ?? "").trim();
      if (text === "") continue;
      const value = Number(text);
      if (!Number.isInteger(value) || value < 1)
        throw new AnalysisInputError(`${where}: ${column} "${text}" is not a measure number`);
      measures.set(column.slice(MEASURE_PREFIX.length), value);
    }
    return {
      authority: row.authority!,
      wave: row.wave!,
      submittedAt,
      weight,
      scores,
      arm: armText === "" ? null : armText,
      measures,
      raw: row,
    };
  });
  return {
    constructs: scoreColumns.map((c) => c.slice(SCORE_PREFIX.length)),
    responses,
    weighted: hasWeight,
  };
}

/**
 * Reads the margins file (`authority, variable, value, share`) into the margins
 * of each authority. Shares of one variable are checked by `rake`.
 */
export function readMargins(table: CsvTable): Map<string, Margin[]> {
  const missing = ["authority", "variable", "value", "share"].filter(
    (c) => !table.columns.includes(c),
  );
  if (missing.length > 0)
    throw new AnalysisInputError(`margins file: missing column(s): ${missing.join(", ")}`);
  const byAuthority = new Map<string, Map<string, Map<string, number>>>();
  table.rows.forEach((row, i) => {
    const { authority = "", variable = "", value = "" } = row;
    const share = Number((row.share ?? "").trim());
    if (!Number.isFinite(share) || (row.share ?? "").trim() === "")
      throw new AnalysisInputError(`margins file, data row ${i + 1}: share is not a number`);
    const variables = byAuthority.get(authority) ?? new Map<string, Map<string, number>>();
    byAuthority.set(authority, variables);
    const shares = variables.get(variable) ?? new Map<string, number>();
    variables.set(variable, shares);
    if (shares.has(value))
      throw new AnalysisInputError(
        `margins file: ${authority} / ${variable} / ${value} appears twice`,
      );
    shares.set(value, share);
  });
  return new Map(
    [...byAuthority].map(([authority, variables]) => [
      authority,
      [...variables].map(([variable, shares]) => ({ variable, shares })),
    ]),
  );
}
