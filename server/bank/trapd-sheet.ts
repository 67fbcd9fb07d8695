import { z } from "zod";
import type { UserPrincipal } from "../access/principal";
import { ConflictError, ContactsFileError, TranslationSheetError } from "../errors";
import { looksLikeXlsx } from "../distribution/contacts/file";
import { readXlsxRows } from "../distribution/contacts/xlsx-reader";
import { writeXlsx } from "../exports/xlsx-writer";
import type { ErrorDetail } from "../errors";
import {
  REQUIRED_TO_LEAVE,
  TRAPD_FIELDS,
  TRAPD_STAGES,
  type TrapdField,
} from "../shared/trapd-stages";
import { takeTrapdStep, trapdView } from "./trapd";
import type { TrapdEntry } from "./trapd-schema";
import type { TrapdLocale } from "./trapd-units";

/**
 * TRAPD translation sheets for translators who work outside the platform: one
 * XLSX per target language, a row per string with its Hebrew source, what
 * residents see now, its stage and every stage's fields. A filled sheet comes
 * back as a step on each string's current stage (only that stage's columns are
 * read; earlier stages' columns are the record, not input).
 */

/** The sheet's columns, in order; the header row names them. */
export const SHEET_COLUMNS = [
  "string",
  "kind",
  "source_he",
  "current",
  "stage",
  ...TRAPD_FIELDS,
] as const;

/** Writes the draft's strings in one target language as an XLSX workbook of one sheet. */
export async function writeTrapdSheet(
  out: NodeJS.WritableStream,
  key: string,
  locale: TrapdLocale,
): Promise<void> {
  const view = await trapdView(key);
  async function* rows() {
    for (const unit of view.units) {
      const e = unit.entries.find((x) => x.locale === locale);
      if (!e) continue;
      yield [
        unit.path,
        unit.kind,
        unit.source,
        e.current,
        e.stage,
        ...TRAPD_FIELDS.map((f) => e[f]),
      ];
    }
  }
  await writeXlsx(out, [
    {
      name: `${key}-${locale}`.slice(0, 31),
      columns: SHEET_COLUMNS.map((name) => ({ name })),
      rows: rows(),
      rtl: locale === "ar",
    },
  ]);
}

const cell = z.string().max(4000);
/** One filled row: the string, the stage the sheet was made at, and the stage fields. */
const rowSchema = z.object({
  string: z.string().trim().min(1).max(200),
  stage: z.enum(TRAPD_STAGES),
  ...(Object.fromEntries(TRAPD_FIELDS.map((f) => [f, cell])) as Record<TrapdField, typeof cell>),
});
type SheetRow = z.infer<typeof rowSchema> & { line: number };

/** POST body of a filled sheet. */
export const sheetImportSchema = z.object({
  content: z.base64().min(4).describe("The filled XLSX sheet, base64"),
  advance: z
    .boolean()
    .default(false)
    .describe("Move each string on when its stage's fields are all filled; else only save them"),
});

/** The rows of a filled sheet, each checked by zod; TRANSLATION_SHEET_INVALID when any is not. */
function parseSheet(bytes: Uint8Array): SheetRow[] {
  if (bytes.length === 0 || !looksLikeXlsx(bytes)) throw new TranslationSheetError("not-xlsx");
  let table;
  try {
    table = readXlsxRows(bytes);
  } catch (err) {
    if (err instanceof ContactsFileError) {
      throw new TranslationSheetError(err.details?.[0]?.code ?? "xlsx-unreadable");
    }
    throw err;
  }
  const header = table.shift()?.cells.map((c) => c.trim()) ?? [];
  const missing = SHEET_COLUMNS.filter((c) => !header.includes(c) && c !== "kind");
  if (missing.length > 0) throw new TranslationSheetError("columns");
  const problems: ErrorDetail[] = [];
  const rows: SheetRow[] = [];
  for (const r of table) {
    const raw = Object.fromEntries(header.map((h, i) => [h, r.cells[i] ?? ""]));
    const parsed = rowSchema.safeParse(raw);
    if (parsed.success) rows.push({ ...parsed.data, line: r.line });
    else
      for (const issue of parsed.error.issues)
        problems.push({ path: `rows.${r.line}.${issue.path.join(".")}`, code: issue.code });
  }
  if (problems.length > 0) throw new TranslationSheetError(problems);
  return rows;
}

/** What an import did. */
export interface SheetImportResult {
  saved: number;
  advanced: number;
  unchanged: number;
}

/**
 * Takes a filled sheet back: every row must name a string of the draft in this
 * language (else 400) at the stage it is at now (else 409, nothing written), and
 * the row's current-stage columns are saved, or saved and moved on with
 * `advance` when they are all filled.
 */
export async function importTrapdSheet(
  principal: UserPrincipal,
  key: string,
  locale: TrapdLocale,
  input: z.infer<typeof sheetImportSchema>,
): Promise<SheetImportResult> {
  const rows = parseSheet(Buffer.from(input.content, "base64"));
  const view = await trapdView(key);
  const entries = new Map<string, TrapdEntry>();
  for (const u of view.units)
    for (const e of u.entries) if (e.locale === locale) entries.set(u.path, e);
  const unknown: ErrorDetail[] = [];
  const stale: ErrorDetail[] = [];
  for (const row of rows) {
    const e = entries.get(row.string);
    if (!e) unknown.push({ path: `rows.${row.line}.string`, code: "unknown" });
    else if (e.stage !== row.stage) stale.push({ path: `rows.${row.line}.stage`, code: "stale" });
  }
  if (unknown.length > 0) throw new TranslationSheetError(unknown);
  if (stale.length > 0) throw new ConflictError(stale);
  const result: SheetImportResult = { saved: 0, advanced: 0, unchanged: 0 };
  for (const row of rows) {
    const e = entries.get(row.string)!;
    const own = REQUIRED_TO_LEAVE[row.stage];
    const changed = own.filter((f) => row[f] !== e[f]);
    const filled = own.length > 0 && own.every((f) => row[f].trim() !== "");
    const advance = input.advance && filled;
    if (changed.length === 0 && !advance) {
      result.unchanged += 1;
      continue;
    }
    await takeTrapdStep(principal, key, {
      path: row.string,
      locale,
      stage: row.stage,
      action: advance ? "advance" : "save",
      fields: Object.fromEntries(own.map((f) => [f, row[f]])),
      note: "",
    });
    result[advance ? "advanced" : "saved"] += 1;
  }
  return result;
}
