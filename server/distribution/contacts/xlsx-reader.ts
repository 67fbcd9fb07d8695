import type * as Fflate from "fflate";
import type * as Saxes from "saxes";
import { ContactsFileError } from "../../errors";

// The zip and XML libraries load with the first XLSX contact file, not with the
// server: most processes (and requests) never read one.
/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */
const fflate = () => require("fflate") as typeof Fflate;
const saxes = () => require("saxes") as typeof Saxes;
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Most bytes an XLSX may inflate to (all the parts read together). A sheet of
 * 200,000 residents is about 60 MB of XML; a "zip bomb" of a few hundred kB
 * that inflates to gigabytes is refused at this point, before it is held.
 */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 128 * 1024 * 1024;
/** Most columns read (the header's width); a contacts sheet has a handful. */
export const MAX_XLSX_COLUMNS = 256;
/**
 * Most cells (rows × the header's width) kept: absent cells become "", so a few
 * bytes of XML per row could otherwise cost a whole row of pointers each.
 */
export const MAX_XLSX_CELLS = 5_000_000;

/** Compressed bytes handed to the inflater at a time: its output per push is at most ~1,000 times this. */
const PUSH_BYTES = 16 * 1024;

/** One non-empty row of the first sheet: its spreadsheet line and its cells as text. */
export interface SheetRow {
  line: number;
  cells: string[];
}

interface Limits {
  maxBytes: number;
  maxCells: number;
}

type TextSink = (text: string) => void;

/**
 * Inflates the named parts of the archive, handing their text to the sinks as it
 * comes, and counts every inflated byte against the budget. Pushed in small
 * slices so that no single inflation is large.
 */
function streamParts(bytes: Uint8Array, sinks: Map<string, TextSink>, budget: { left: number }) {
  const { Unzip, UnzipInflate } = fflate();
  const unzip = new Unzip((file: Fflate.UnzipFile) => {
    const sink = sinks.get(file.name.replace(/^\//, ""));
    if (!sink) return;
    // A size the archive declares up front is refused at once; one it hides is counted below.
    if (file.originalSize !== undefined && file.originalSize > budget.left)
      throw new ContactsFileError("xlsx-too-large");
    const decoder = new TextDecoder("utf-8");
    file.ondata = (err, chunk, final) => {
      if (err || !chunk) throw err ?? new Error("inflate failed");
      budget.left -= chunk.length;
      if (budget.left < 0) throw new ContactsFileError("xlsx-too-large");
      const text = decoder.decode(chunk, { stream: !final });
      if (text) sink(text);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  for (let at = 0; at < bytes.length; at += PUSH_BYTES) {
    const end = Math.min(bytes.length, at + PUSH_BYTES);
    unzip.push(bytes.subarray(at, end), end === bytes.length);
  }
}

/** A streaming XML parser whose handlers see tag names without a namespace prefix. */
function xmlParser(handlers: {
  open?: (name: string, attributes: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}): Saxes.SaxesParser {
  const parser = new (saxes().SaxesParser)();
  const local = (name: string) => name.slice(name.indexOf(":") + 1);
  if (handlers.open) {
    const open = handlers.open;
    parser.on("opentag", (tag: Saxes.SaxesTagPlain) => open(local(tag.name), tag.attributes));
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on("closetag", (tag: Saxes.SaxesTagPlain) => close(local(tag.name)));
  }
  if (handlers.text) parser.on("text", handlers.text);
  return parser;
}

/** Reads whole small parts (workbook, relationships) as parsed XML events. */
function parseParts(
  bytes: Uint8Array,
  parts: Map<string, Saxes.SaxesParser>,
  budget: { left: number },
): void {
  const sinks = new Map<string, TextSink>();
  for (const [name, parser] of parts) sinks.set(name, (text) => parser.write(text));
  streamParts(bytes, sinks, budget);
  for (const parser of parts.values()) parser.close();
}

/** A relationship target relative to the part in folder `base` ("xl/"), as an archive path. */
function resolveTarget(base: string, target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : base + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

/** Where the first sheet, the shared strings and the styles are, and the date system. */
function locateParts(bytes: Uint8Array, budget: { left: number }) {
  let firstSheetRel: string | undefined;
  let date1904 = false;
  const workbook = xmlParser({
    open(name, a) {
      if (name === "workbookPr") date1904 = a.date1904 === "1" || a.date1904 === "true";
      if (name === "sheet" && firstSheetRel === undefined)
        firstSheetRel = a["r:id"] ?? Object.entries(a).find(([k]) => k.endsWith(":id"))?.[1];
    },
  });
  const rels = new Map<string, { type: string; target: string }>();
  const relsParser = xmlParser({
    open(name, a) {
      if (name === "Relationship" && a.Id && a.Target)
        rels.set(a.Id, { type: a.Type ?? "", target: a.Target });
    },
  });
  parseParts(
    bytes,
    new Map([
      ["xl/workbook.xml", workbook],
      ["xl/_rels/workbook.xml.rels", relsParser],
    ]),
    budget,
  );
  const byType = (suffix: string) =>
    [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;
  const sheet = firstSheetRel ? rels.get(firstSheetRel)?.target : byType("/worksheet");
  if (!sheet) throw new ContactsFileError("xlsx-unreadable");
  const strings = byType("/sharedStrings");
  const styles = byType("/styles");
  return {
    sheet: resolveTarget("xl/", sheet),
    strings: strings ? resolveTarget("xl/", strings) : undefined,
    styles: styles ? resolveTarget("xl/", styles) : undefined,
    date1904,
  };
}

/** Excel's built-in number formats that show a date or time. */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

/** A custom number format shows a date when, outside quotes, brackets and escapes, it has d, m, y, h or s. */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare);
}

/** The shared strings (text of each <si>, phonetic runs left out) and which styles are dates. */
function readTables(
  bytes: Uint8Array,
  where: { strings?: string; styles?: string },
  budget: { left: number },
) {
  const strings: string[] = [];
  let current: string[] | null = null;
  let inText = false;
  let inPhonetic = false;
  const stringsParser = xmlParser({
    open(name) {
      if (name === "si") current = [];
      else if (name === "rPh") inPhonetic = true;
      else if (name === "t" && !inPhonetic) inText = true;
    },
    close(name) {
      if (name === "si") {
        strings.push(current ? current.join("") : "");
        current = null;
      } else if (name === "rPh") inPhonetic = false;
      else if (name === "t") inText = false;
    },
    text(text) {
      if (inText && current) current.push(text);
    },
  });
  const customFormats = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  const stylesParser = xmlParser({
    open(name, a) {
      if (name === "numFmt") customFormats.set(Number(a.numFmtId), a.formatCode ?? "");
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) xfFormats.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  const parts = new Map<string, Saxes.SaxesParser>();
  if (where.strings) parts.set(where.strings, stringsParser);
  if (where.styles) parts.set(where.styles, stylesParser);
  parseParts(bytes, parts, budget);
  const dateStyles = xfFormats.map((id) => {
    const custom = customFormats.get(id);
    return custom !== undefined ? isDateFormat(custom) : DATE_FORMAT_IDS.has(id);
  });
  return { strings, dateStyles };
}

/** Column index of a cell reference ("C7" -> 2), or undefined without one. */
function columnOf(ref: string | undefined): number | undefined {
  if (!ref) return undefined;
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return i === 0 ? undefined : col - 1;
}

/** A serial day number as an ISO date (Excel's 1900 or 1904 system); the number itself if out of range. */
function serialDate(serial: number, date1904: boolean): string {
  // Day 25569 of the 1900 system is 1970-01-01; the 1904 system counts 1462 days fewer.
  const date = new Date(Math.round((serial + (date1904 ? 1462 : 0) - 25569) * 86_400_000));
  return Number.isNaN(date.getTime()) ? String(serial) : date.toISOString().slice(0, 10);
}

/**
 * Reads the first sheet of an XLSX file as text rows, streaming: the archive is
 * inflated a slice at a time and each part parsed as it inflates, so memory
 * follows the rows kept, not the XML. Empty rows are left out; after the first
 * non-empty row (the header) each row is cut or padded to the header's width.
 * Throws CONTACTS_FILE_INVALID: `xlsx-too-large` past the limits, else
 * `xlsx-unreadable`.
 */
export function readXlsxRows(bytes: Uint8Array, limits: Partial<Limits> = {}): SheetRow[] {
  const budget = { left: limits.maxBytes ?? MAX_XLSX_UNCOMPRESSED_BYTES };
  let cellsLeft = limits.maxCells ?? MAX_XLSX_CELLS;
  try {
    const where = locateParts(bytes, budget);
    const { strings, dateStyles } = readTables(bytes, where, budget);
    const rows: SheetRow[] = [];
    let width: number | undefined;
    let line = 0;
    let cells: string[] = [];
    let col = -1;
    let type = "n";
    let style = 0;
    let value: string[] = [];
    let inValue = false;
    let inPhonetic = false;

    const text = (): string => {
      const raw = value.join("");
      switch (type) {
        case "s":
          return strings[Number(raw)] ?? "";
        case "inlineStr":
        case "str":
        case "e":
          return raw;
        case "b":
          return raw === "1" ? "true" : raw === "0" ? "false" : raw;
        case "d":
          return raw.slice(0, 10);
        default: {
          if (raw.trim() === "") return "";
          const n = Number(raw);
          if (!Number.isFinite(n)) return raw;
          if (dateStyles[style]) return serialDate(n, where.date1904);
          // A phone stored as a number must not come back as 5.01234567e8.
          return Number.isInteger(n) ? n.toFixed(0) : String(n);
        }
      }
    };

    const sheet = xmlParser({
      open(name, a) {
        if (name === "row") {
          line = a.r ? Number(a.r) : line + 1;
          cells = [];
          col = -1;
        } else if (name === "c") {
          col = columnOf(a.r) ?? col + 1;
          type = a.t ?? "n";
          style = Number(a.s ?? 0);
          value = [];
        } else if (name === "rPh") inPhonetic = true;
        else if ((name === "v" || name === "t") && !inPhonetic) inValue = true;
      },
      close(name) {
        if (name === "v" || name === "t") inValue = false;
        else if (name === "rPh") inPhonetic = false;
        else if (name === "c") {
          if (col < Math.min(width ?? MAX_XLSX_COLUMNS, MAX_XLSX_COLUMNS)) {
            const t = text();
            if (t !== "") {
              while (cells.length < col) cells.push("");
              cells[col] = t;
            }
          }
        } else if (name === "row") {
          if (!cells.some((c) => c.trim() !== "")) return;
          width ??= cells.length;
          while (cells.length < width) cells.push("");
          cellsLeft -= width;
          if (cellsLeft < 0) throw new ContactsFileError("xlsx-too-large");
          rows.push({ line, cells });
        }
      },
      text(t) {
        if (inValue) value.push(t);
      },
    });
    streamParts(bytes, new Map([[where.sheet, (t: string) => sheet.write(t)]]), budget);
    sheet.close();
    return rows;
  } catch (err) {
    if (err instanceof ContactsFileError) throw err;
    throw new ContactsFileError("xlsx-unreadable");
  }
}
