import { csvCell, csvRow } from "../../server/privacy/csv-safe";

describe("CSV cells safe from formula injection", () => {
  it.each([
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+972501234567", "'+972501234567"],
    ["-2+3", "'-2+3"],
    ["@cmd", "'@cmd"],
    ["  =1+1", "'  =1+1"],
    ["\t=1", "'\t=1"], // a leading tab does not hide the formula start
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ["|calc", "'|calc"],
    ["%0A", "'%0A"],
  ])("neutralises %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("leaves ordinary text, Hebrew and Arabic alone", () => {
    expect(csvCell("רמת תמר")).toBe("רמת תמר");
    expect(csvCell("كفر زهرة")).toBe("كفر زهرة");
    expect(csvCell("a-b")).toBe("a-b");
  });

  it("keeps numbers as numbers, negative ones too", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(2.5)).toBe("2.5");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(null)).toBe("");
    expect(csvCell(true)).toBe("true");
  });

  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell("line 1\nline 2")).toBe('"line 1\nline 2"');
    expect(csvRow(["a", 1, "=x"])).toBe("a,1,'=x\r\n");
  });

  it("strips bidi overrides that would reorder a cell", () => {
    expect(csvCell("abc\u202Edcba")).toBe("abcdcba");
    expect(csvCell("\u2066=1\u2069")).toBe("'=1");
  });
});
