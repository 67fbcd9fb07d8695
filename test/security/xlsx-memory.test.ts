/**
 * Finding 6, "a 4.8 MB XLSX costs 1.4 GB of memory": the contacts import read
 * the whole sheet's XML into a document tree. It now inflates and parses the
 * archive a slice at a time, with a cap on inflated bytes (a "zip bomb" of a few
 * hundred kB is refused before it is held) and on the cells it keeps. The memory
 * figures are in `npm run bench:contacts -- --format xlsx`.
 */
import ExcelJS from "exceljs";
import { Zip, ZipDeflate, strToU8 } from "fflate";
import { ContactsFileError } from "../../server/errors";
import { readContactFile } from "../../server/distribution/contacts/file";
import {
  MAX_XLSX_UNCOMPRESSED_BYTES,
  readXlsxRows,
} from "../../server/distribution/contacts/xlsx-reader";
import { makeXlsx } from "../distribution/xlsx";

/** An XLSX whose sheet holds `padding` bytes of blanks before its one row: small zipped, huge inflated. */
function bomb(padding: number): Buffer {
  const out: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    out.push(chunk);
  });
  const add = (name: string, text: string) => {
    const f = new ZipDeflate(name, { level: 1 });
    zip.add(f);
    f.push(strToU8(text), true);
  };
  add(
    "xl/workbook.xml",
    `<workbook xmlns:r="r"><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  add(
    "xl/_rels/workbook.xml.rels",
    `<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  );
  const sheet = new ZipDeflate("xl/worksheets/sheet1.xml", { level: 1 });
  zip.add(sheet);
  sheet.push(strToU8("<worksheet><sheetData>"));
  const blanks = new Uint8Array(1024 * 1024).fill(0x20);
  for (let left = padding; left > 0; left -= blanks.length)
    sheet.push(left >= blanks.length ? blanks : blanks.subarray(0, left));
  sheet.push(strToU8(`<row r="1"><c r="A1" t="inlineStr"><is><t>טלפון</t></is></c></row>`));
  sheet.push(strToU8("</sheetData></worksheet>"), true);
  zip.end();
  return Buffer.concat(out);
}

async function refusal(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ContactsFileError) return err.details?.[0]?.code;
    throw err;
  }
  return undefined;
}

it("refuses a zip bomb before inflating it all", async () => {
  const file = bomb(MAX_XLSX_UNCOMPRESSED_BYTES + 1024 * 1024);
  expect(file.length).toBeLessThan(1024 * 1024);
  const heapBefore = process.memoryUsage().heapUsed;
  expect(await refusal(readContactFile(file))).toBe("xlsx-too-large");
  // Not a measure of memory (the collector runs when it likes), only a guard: the
  // 129 MB of XML were never held as a string.
  expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(MAX_XLSX_UNCOMPRESSED_BYTES);
}, 30_000);

it("reads a file within the cap, whatever it inflates to below it", async () => {
  const rows = readXlsxRows(bomb(4 * 1024 * 1024));
  expect(rows).toEqual([{ line: 1, cells: ["טלפון"] }]);
  expect(
    await refusal(
      Promise.resolve().then(() => readXlsxRows(bomb(4 * 1024 * 1024), { maxBytes: 1024 * 1024 })),
    ),
  ).toBe("xlsx-too-large");
});

it("refuses a part whose declared size is past the cap without inflating it", () => {
  const rows = Array.from({ length: 40_000 }, (_, i) => [`resident ${i}`, `050${i}`]);
  const file = makeXlsx([["name", "phone"], ...rows]);
  let refused: unknown;
  try {
    readXlsxRows(file, { maxBytes: 1024 * 1024 });
  } catch (err) {
    refused = err;
  }
  expect(refused).toBeInstanceOf(ContactsFileError);
  expect(readXlsxRows(file)).toHaveLength(40_001);
});

it("caps the cells kept, rows times the header's width", async () => {
  const header = Array.from({ length: 10 }, (_, i) => `col ${i}`);
  const file = makeXlsx([header, ...Array.from({ length: 100 }, () => ["x"])]);
  expect(readXlsxRows(file, { maxCells: 2_000 })).toHaveLength(101);
  expect(await refusal(Promise.resolve().then(() => readXlsxRows(file, { maxCells: 500 })))).toBe(
    "xlsx-too-large",
  );
});

it("reads what Excel writes: shared strings, rich text, numbers, dates, formulas, booleans, gaps", async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("תושבים");
  workbook.addWorksheet("second sheet").addRow(["not read"]);
  sheet.addRow(["שם", "טלפון נייד", "תאריך", "סכום", "כן/לא", "הערה"]);
  sheet.addRow([]);
  sheet.addRow([
    { richText: [{ text: "סלמה " }, { font: { bold: true }, text: "חורי" }] },
    501234567,
    new Date(Date.UTC(2025, 2, 14)),
    { formula: "1+1.5", result: 2.5 },
    true,
    "a & <b>",
  ]);
  sheet.getCell("A5").value = "רק שם";
  sheet.getCell("F5").value = "שורה 5";
  sheet.getCell("Z5").value = "beyond the header";
  const file = Buffer.from(await workbook.xlsx.writeBuffer());
  const table = await readContactFile(file);
  expect(table.columns).toEqual(["שם", "טלפון נייד", "תאריך", "סכום", "כן/לא", "הערה"]);
  expect(table.rows).toEqual([
    {
      line: 3,
      cells: {
        שם: "סלמה חורי",
        "טלפון נייד": "501234567",
        תאריך: "2025-03-14",
        סכום: "2.5",
        "כן/לא": "true",
        הערה: "a & <b>",
      },
    },
    {
      line: 5,
      cells: { שם: "רק שם", "טלפון נייד": "", תאריך: "", סכום: "", "כן/לא": "", הערה: "שורה 5" },
    },
  ]);
});

it("answers a broken archive as unreadable", async () => {
  const file = Buffer.from(makeXlsx([["phone"], ["0501234567"]]));
  // Garble the compressed parts, keep the signature.
  for (let i = 40; i < file.length - 40; i += 7) file[i] = 0xff;
  expect(await refusal(readContactFile(file))).toBe("xlsx-unreadable");
});
