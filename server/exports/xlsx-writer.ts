import zlib from "node:zlib";
import type * as Fflate from "fflate";
import { writeChunk } from "./csv-writer";
import type { ExportColumn } from "./layout";
import type { ExportValue } from "./rows";

/** A sheet of a workbook export. */
export interface Sheet {
  name: string;
  columns: readonly Pick<ExportColumn, "name">[];
  rows: AsyncIterable<ExportValue[]>;
  /** Right to left (Hebrew, Arabic labels). */
  rtl?: boolean;
}

// Excel runs a cell that starts like a formula only when it is typed as one;
// cells here are inline strings, so "=1+1" stays text. Control characters are
// not allowed in XML and are dropped.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const XML_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const XML_SPECIAL = /[<>&"]/g;
const ENTITIES: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" };
/** Sheet XML gathered before it goes to the compressor. */
const CHUNK_CHARS = 256_000;
/** Fast deflate: a sheet of numbers compresses well at any level, and CPU is the limit. */
const LEVEL = 1;

/** fflate, loaded by the first workbook written: most processes never write one. */
function fflate(): typeof Fflate {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  return require("fflate") as typeof Fflate;
}

type ZipEntry = new (filename: string) => Fflate.ZipPassThrough;
let nativeZipDeflate: ZipEntry | undefined;

/**
 * A zip entry deflated by Node's zlib (native, several times faster than a
 * JavaScript deflate): each chunk is compressed with a sync flush, which ends
 * on a byte boundary without closing the stream, so the chunks joined are one
 * valid deflate stream; the last one closes it. fflate's pass-through keeps
 * the entry's CRC and size for the zip's data descriptor. The class extends
 * one of fflate's, so it is made when fflate is first loaded.
 */
function nativeZipDeflateClass(): ZipEntry {
  if (nativeZipDeflate) return nativeZipDeflate;
  class NativeZipDeflate extends fflate().ZipPassThrough {
    constructor(filename: string) {
      super(filename);
      this.compression = 8;
    }

    /** Called by push with each chunk, after the CRC and size have taken it in. */
    override process(chunk: Uint8Array, final: boolean): void {
      const out = zlib.deflateRawSync(chunk, {
        level: LEVEL,
        finishFlush: final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
      });
      this.ondata(null, out, final);
    }
  }
  nativeZipDeflate = NativeZipDeflate;
  return NativeZipDeflate;
}

/** Text made safe for XML content and attribute values. */
function xmlText(s: string): string {
  return s.replace(XML_UNSAFE, "").replace(XML_SPECIAL, (c) => ENTITIES[c]!);
}

/** Column letters of a 0-based index: A … Z, AA … */
function columnLetters(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** One cell's XML, or "" for an empty one. */
function cellXml(ref: string, v: ExportValue, style: string): string {
  if (v === null) return "";
  if (typeof v === "number")
    return Number.isFinite(v) ? `<c r="${ref}"${style}><v>${v}</v></c>` : "";
  const text = xmlText(v);
  const space = text !== text.trim() ? ' xml:space="preserve"' : "";
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${text}</t></is></c>`;
}

function rowXml(letters: readonly string[], r: number, values: readonly ExportValue[], style = "") {
  let xml = `<row r="${r}">`;
  for (let i = 0; i < values.length; i += 1) xml += cellXml(letters[i]! + r, values[i]!, style);
  return `${xml}</row>`;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

function contentTypes(count: number): string {
  const sheets = Array.from(
    { length: count },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join("");
  return `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>${sheets}</Types>`;
}

const ROOT_RELS = `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;

const CORE = `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Kehila Pulse</dc:creator></cp:coreProperties>`;

/** Two cell formats: the default, and bold for the header row (s="1"). */
const STYLES = `${XML_HEAD}<styleSheet xmlns="${MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

function workbook(sheets: readonly Sheet[]): string {
  const list = sheets
    .map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join("");
  return `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>${list}</sheets></workbook>`;
}

function workbookRels(count: number): string {
  const rels = Array.from(
    { length: count },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join("");
  return `${XML_HEAD}<Relationships xmlns="${PKG_REL}">${rels}<Relationship Id="rId${count + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
}

/**
 * Sheets as an XLSX workbook, the sheet XML written here row by row (inline
 * strings, no shared-string table, a header row in bold and frozen) into a
 * streaming zip, with back-pressure: memory stays flat in the number of rows,
 * and a row costs one string concatenation instead of a cell object per value
 * (ExcelJS's streaming writer spent most of an export's CPU on those).
 */
export async function writeXlsx(
  out: NodeJS.WritableStream,
  sheets: readonly Sheet[],
  onRow?: () => void,
): Promise<void> {
  const { Zip, strToU8 } = fflate();
  const NativeZipDeflate = nativeZipDeflateClass();
  const pending: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else pending.push(chunk);
  });
  const flush = async () => {
    if (failure) throw failure;
    for (const chunk of pending.splice(0))
      await writeChunk(out, Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  };
  const small = (name: string, text: string) => {
    const file = new NativeZipDeflate(name);
    zip.add(file);
    file.push(strToU8(text), true);
  };
  small("[Content_Types].xml", contentTypes(sheets.length));
  small("_rels/.rels", ROOT_RELS);
  small("docProps/core.xml", CORE);
  small("xl/workbook.xml", workbook(sheets));
  small("xl/_rels/workbook.xml.rels", workbookRels(sheets.length));
  small("xl/styles.xml", STYLES);
  await flush();
  for (const [i, s] of sheets.entries()) {
    const file = new NativeZipDeflate(`xl/worksheets/sheet${i + 1}.xml`);
    zip.add(file);
    const letters = s.columns.map((_, k) => columnLetters(k));
    const view = `<sheetView workbookViewId="0"${s.rtl ? ' rightToLeft="1"' : ""}><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView>`;
    let xml = `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews>${view}</sheetViews><sheetData>${rowXml(
      letters,
      1,
      s.columns.map((c) => c.name),
      ' s="1"',
    )}`;
    let r = 1;
    for await (const row of s.rows) {
      r += 1;
      xml += rowXml(letters, r, row);
      onRow?.();
      if (xml.length > CHUNK_CHARS) {
        file.push(strToU8(xml));
        xml = "";
        await flush();
      }
    }
    file.push(strToU8(`${xml}</sheetData></worksheet>`), true);
    await flush();
  }
  zip.end();
  await flush();
}
