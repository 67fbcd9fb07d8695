import { parseCsv } from "../../server/analytics/csv";
import { AnalysisInputError } from "../../server/analytics/input-error";

describe("CSV parser (RFC 4180)", () => {
  it("reads quoted commas, doubled quotes and line breaks, CRLF and a BOM", () => {
    const text = '\uFEFFid,name,note\r\n1,"נווה שאנן, ""צפון""","two\r\nlines"\r\n2,מרכז,\r\n';
    expect(parseCsv(text)).toEqual({
      columns: ["id", "name", "note"],
      rows: [
        { id: "1", name: 'נווה שאנן, "צפון"', note: "two\r\nlines" },
        { id: "2", name: "מרכז", note: "" },
      ],
    });
  });

  it("takes LF, no final line break, blank lines and empty quoted fields", () => {
    expect(parseCsv('a,b\n\n1,""\n2,3').rows).toEqual([
      { a: "1", b: "" },
      { a: "2", b: "3" },
    ]);
  });

  it("names the line of a malformed record", () => {
    expect(() => parseCsv("a,b\n1,2\n3\n")).toThrow(/line 3: 1 fields where the header has 2/);
    expect(() => parseCsv('a,b\n1,"open\n')).toThrow(/line 2: a quoted field is never closed/);
    expect(() => parseCsv('a,b\n1,x"y\n')).toThrow(/line 2: a quote inside an unquoted field/);
    expect(() => parseCsv('a,b\n1,"x"y\n')).toThrow(/line 2: text after a closing quote/);
    expect(() => parseCsv("a,a\n1,2\n")).toThrow(/column "a" appears twice/);
    expect(() => parseCsv("")).toThrow(AnalysisInputError);
  });

  it("counts lines inside quoted fields when reporting later errors", () => {
    expect(() => parseCsv('a,b\n1,"x\ny"\n2\n')).toThrow(/line 4:/);
  });
});
