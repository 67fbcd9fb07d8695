import type { Locale } from "../../../shared/locale";
import { share } from "./format";
import type { ProgramRow } from "./types";

/** The table's columns, in order; each one sorts the table. */
export const COLUMNS = [
  "authority",
  "wave",
  "target",
  "completes",
  "progress",
  "invited",
  "smsCompleted",
  "responseRate",
] as const;
/** A column of the program table. */
export type Column = (typeof COLUMNS)[number];

/** The value a column sorts by; text columns sort by name in the page's language. */
function sortValue(row: ProgramRow, column: Column): number | string | null {
  switch (column) {
    case "authority":
      return row.authority.name;
    case "wave":
      return row.wave.name;
    case "target":
      return row.target;
    case "completes":
      return row.completes;
    case "progress":
      return share(row.completes, row.target);
    case "invited":
      return row.sms.invited;
    case "smsCompleted":
      return row.sms.completed;
    case "responseRate":
      return row.responseRate;
  }
}

/** Rows in the order asked for; rows without a value (no target, nobody invited) go last. */
export function sortRows(rows: ProgramRow[], column: Column, descending: boolean, locale: Locale) {
  return [...rows].sort((a, b) => {
    const x = sortValue(a, column);
    const y = sortValue(b, column);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = typeof x === "string" ? x.localeCompare(String(y), locale) : x - (y as number);
    return descending ? -order : order;
  });
}
