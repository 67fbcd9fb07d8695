/**
 * Pre-flight of a contacts file without surprises (issue 20): every column it
 * will ignore is listed, opt-out columns in he/ar/en keep a resident out,
 * consent columns are recognised in the three languages, an unknown language
 * imports with the authority's default and a warning (Russian is Russian), and
 * any Unicode dash in a number is a separator.
 */
import { checkContacts, summarizeCheck } from "../../server/distribution/contacts/check";
import type { ContactTable } from "../../server/distribution/contacts/file";
import { normalizeIsraeliMobile } from "../../server/distribution/phone";

function table(columns: string[], rows: string[][]): ContactTable {
  return {
    columns,
    rows: rows.map((cells, i) => ({
      line: i + 2,
      cells: Object.fromEntries(columns.map((c, k) => [c, cells[k] ?? ""])),
    })),
  };
}

describe("columns the pre-flight does not use", () => {
  it("are listed, each by its header", () => {
    const s = summarizeCheck(
      checkContacts(
        table(["טלפון", "שם", "תעודת זהות", "הערות"], [["050-1234567", "דנה", "123", "x"]]),
        "he",
      ),
    );
    expect(s.ignored).toEqual(["תעודת זהות", "הערות"]);
  });
});

describe("opt-out columns", () => {
  it.each([["הסרה"], ["opt-out"], ["Unsubscribe"], ["إلغاء الاشتراك"], ["לא לשלוח"]])(
    "%s = yes keeps the resident out of the import",
    (header) => {
      const check = checkContacts(
        table(
          ["phone", header],
          [
            ["050-1234567", "כן"],
            ["050-7654321", ""],
          ],
        ),
        "he",
      );
      expect(check.columns.optOut).toBe(header);
      expect(check.valid.map((v) => v.line)).toEqual([3]);
      expect(check.invalid).toEqual([{ line: 2, reason: "opted-out", value: "" }]);
      expect(summarizeCheck(check).ignored).toEqual([]);
    },
  );
});

describe("consent columns", () => {
  it.each([["הסכמה לפאנל"], ["Consent"], ["موافقة"], ["הסכמה"]])("%s is read as consent", (h) => {
    const check = checkContacts(table(["phone", h], [["050-1234567", "yes"]]), "he");
    expect(check.columns.panelConsent).toBe(h);
    expect(check.valid[0]!.panelConsent).toBe(true);
  });
});

describe("languages", () => {
  it("imports an unknown language with the authority's default, and warns", () => {
    const check = checkContacts(
      table(
        ["phone", "שפה"],
        [
          ["050-1234567", "קלינגונית"],
          ["050-7654321", "ערבית"],
        ],
      ),
      "ar",
    );
    expect(check.valid.map((v) => [v.line, v.locale])).toEqual([
      [2, "ar"],
      [3, "ar"],
    ]);
    expect(check.invalid).toEqual([]);
    expect(summarizeCheck(check).warnings).toEqual([
      { line: 2, reason: "language-default", value: "קלי…ית" },
    ]);
  });

  it.each([["רוסית"], ["Russian"], ["ru"], ["русский"], ["الروسية"]])("%s is Russian", (cell) => {
    const check = checkContacts(table(["phone", "language"], [["050-1234567", cell]]), "he");
    expect(check.valid[0]!.locale).toBe("ru");
    expect(summarizeCheck(check).warnings).toEqual([]);
  });
});

describe("dashes in phone numbers", () => {
  it.each([
    ["050\u20101234567"], // hyphen
    ["050\u20111234567"], // non-breaking hyphen
    ["050\u2012123\u20124567"], // figure dash
    ["050\u2013123\u20134567"], // en dash
    ["050\u20141234567"], // em dash
    ["050\u22121234567"], // minus sign
    ["050\uFE631234567"], // small hyphen-minus
    ["050\uFF0D1234567"], // fullwidth hyphen-minus
    ["050\u05BE1234567"], // Hebrew maqaf
  ])("%j is a separator", (raw) => {
    expect(normalizeIsraeliMobile(raw)).toEqual({ ok: true, e164: "+972501234567" });
  });
});
