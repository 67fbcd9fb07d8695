/**
 * Wording slips of issue 20 (Low) that live in the catalogues: the Arabic for
 * panel consent read as "consent to the board" (اللوحة, a board or painting),
 * and the Hebrew language count read "אנגלית: אחד" (a word where a figure
 * belongs, beside other languages' figures).
 */
import fs from "node:fs";
import path from "node:path";

const dir = (locale: string) => path.join(process.cwd(), "locales", locale);
const read = (locale: string, file: string) =>
  fs.readFileSync(path.join(dir(locale), file), "utf8");

it("never calls the panel a board in Arabic", () => {
  const files = fs.readdirSync(dir("ar")).filter((f) => f.endsWith(".json"));
  expect(files.filter((f) => read("ar", f).includes("اللوحة"))).toEqual([]);
  const contacts = JSON.parse(read("ar", "ws-contacts.json")) as { import: { columns: string } };
  expect(contacts.import.columns).toContain("عيّنة المتابعة");
});

it("counts one contact in a language with a figure, as the other counts are", () => {
  const contacts = JSON.parse(read("he", "ws-contacts.json")) as Record<string, unknown>;
  const flat = JSON.stringify(contacts);
  const one = /"languageCount_one":"([^"]*)"/.exec(flat)![1]!;
  expect(one).toBe("{{language}}: 1");
});
