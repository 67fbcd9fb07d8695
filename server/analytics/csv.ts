import { AnalysisInputError } from "./input-error";

/** A parsed CSV file: its header and one record per data row, keyed by column. */
export interface CsvTable {
  columns: string[];
  rows: Record<string, string>[];
}

/**
 * Parses CSV as RFC 4180 writes it: comma-separated, fields in double quotes may
 * hold commas, line breaks and doubled quotes (""). Also takes LF line ends and a
 * leading UTF-8 byte-order mark, which our own export writes so Excel shows
 * Hebrew. Blank lines are skipped. A record with a different number of fields
 * from the header, a quote inside an unquoted field or an unclosed quote is an
 * error naming its line: guessing would shift values into the wrong columns.
 */
export function parseCsv(text: string): CsvTable {
  const records = splitRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const header = records.shift();
  if (!header) throw new AnalysisInputError("the CSV file is empty");
  const columns = header.fields.map((c) => c.trim());
  const duplicate = columns.find((c, i) => columns.indexOf(c) !== i);
  if (duplicate !== undefined) throw new AnalysisInputError(`column "${duplicate}" appears twice`);
  const rows = records.map(({ fields, line }) => {
    if (fields.length !== columns.length)
      throw new AnalysisInputError(
        `line ${line}: ${fields.length} fields where the header has ${columns.length}`,
      );
    return Object.fromEntries(columns.map((c, i) => [c, fields[i]!]));
  });
  return { columns, rows };
}

interface RawRecord {
  fields: string[];
  /** Line on which the record starts, 1-based, for error messages. */
  line: number;
}

function splitRecords(text: string): RawRecord[] {
  const records: RawRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // current field was quoted; only a separator may follow
  let line = 1;
  let startLine = 1;
  const endField = () => {
    fields.push(field);
    field = "";
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === "")) records.push({ fields, line: startLine });
    fields = [];
    startLine = line;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
        wasQuoted = true;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === ",") {
      endField();
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      line++;
      endRecord();
    } else if (wasQuoted) {
      throw new AnalysisInputError(`line ${line}: text after a closing quote`);
    } else if (ch === '"') {
      if (field !== "")
        throw new AnalysisInputError(`line ${line}: a quote inside an unquoted field`);
      quoted = true;
    } else {
      field += ch;
    }
  }
  if (quoted) throw new AnalysisInputError(`line ${startLine}: a quoted field is never closed`);
  if (field !== "" || fields.length > 0 || wasQuoted) endRecord();
  return records;
}
