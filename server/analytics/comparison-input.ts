import type { CsvTable } from "./csv";
import { AnalysisInputError } from "./input-error";

/** Whether an authority is in the program or only surveyed for comparison. */
export type ProgramGroup = "treated" | "comparison";

/**
 * Reads the comparison file of `npm run analyze` (`authority,group`, group
 * `treated` or `comparison`) into authority → group. Each authority once.
 */
export function readComparison(table: CsvTable): Map<string, ProgramGroup> {
  const missing = ["authority", "group"].filter((c) => !table.columns.includes(c));
  if (missing.length > 0)
    throw new AnalysisInputError(`comparison file: missing column(s): ${missing.join(", ")}`);
  const groups = new Map<string, ProgramGroup>();
  table.rows.forEach((row, i) => {
    const authority = (row.authority ?? "").trim();
    const group = (row.group ?? "").trim();
    if (authority === "")
      throw new AnalysisInputError(`comparison file, data row ${i + 1}: authority is empty`);
    if (group !== "treated" && group !== "comparison")
      throw new AnalysisInputError(
        `comparison file, data row ${i + 1}: group "${group}" is not treated or comparison`,
      );
    if (groups.has(authority))
      throw new AnalysisInputError(`comparison file: ${authority} appears twice`);
    groups.set(authority, group);
  });
  return groups;
}
