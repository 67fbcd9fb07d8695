import type { Principal } from "../access/principal";
import { authorityInScope } from "../authorities/in-scope";
import { MarginsFileError } from "../errors";
import { createMarginSet } from "./margin-sets";
import type { MarginsCsvBody } from "./margin-set-schema";
import { readMarginsCsv } from "./margins-csv";

/**
 * Checks a researcher's margins file without storing anything: the set it
 * would become and every problem, each with its row (or variable), so the
 * screen can list them all in the reader's language.
 */
export async function checkMarginsCsv(principal: Principal, slug: string, body: MarginsCsvBody) {
  await authorityInScope(principal, slug);
  const reading = readMarginsCsv(body.csv);
  return {
    source: reading.source,
    year: reading.year,
    margins: reading.margins,
    problems: reading.problems.map((p) => ({
      ...p,
      row: /^row\.(\d+)$/.test(p.path) ? Number(p.path.slice(4)) : null,
      variable: p.path.startsWith("variable.") ? p.path.slice(9) : null,
    })),
  };
}

/**
 * Stores a researcher's margins file as a new version of the authority's
 * margins; a file with any problem is refused whole (400, every problem listed).
 */
export async function importMarginsCsv(principal: Principal, slug: string, body: MarginsCsvBody) {
  await authorityInScope(principal, slug);
  const { csv, ...meta } = body;
  const reading = readMarginsCsv(csv);
  if (reading.problems.length > 0) throw new MarginsFileError(reading.problems);
  return createMarginSet(principal, slug, {
    ...meta,
    source: reading.source!,
    year: reading.year!,
    margins: reading.margins,
  });
}
