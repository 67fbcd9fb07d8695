/**
 * Phone numbers written inside right-to-left strings (issue 18, Minor: the Arabic
 * phone hint showed its example numbers in mixed order). After an Arabic letter,
 * the Unicode bidi algorithm turns European digits into Arabic numbers (rule W2),
 * and a hyphen between two Arabic numbers does not join them (W4), so "04-1234567"
 * is drawn "1234567-04". Each number must therefore sit in its own left-to-right
 * isolate, U+2066 ... U+2069, which also keeps the "+" of "+972" in front.
 */
import fs from "node:fs";
import path from "node:path";

const RTL_LOCALES = ["he", "ar"] as const;
const LRI = "\u2066";
const PDI = "\u2069";
// A phone number: an optional "+", then digits with spaces or hyphens, at least 7 digits.
const PHONE = /\+?\d(?:[\d \u2011-]*\d){6,}/g;

type Tree = { [key: string]: string | Tree };

function strings(tree: Tree, prefix = ""): Array<[string, string]> {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string"
      ? [[`${prefix}${k}`, v] as [string, string]]
      : strings(v, `${prefix}${k}.`),
  );
}

/** The phone numbers of a string that are not wrapped in a left-to-right isolate. */
function unisolatedPhones(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(PHONE)) {
    const at = m.index;
    const before = text.slice(0, at).replace(/[\u200E\u200F]$/, "");
    const after = text.slice(at + m[0].length);
    if (!before.endsWith(LRI) || !after.startsWith(PDI)) found.push(m[0]);
  }
  return found;
}

describe("phone numbers in right-to-left strings", () => {
  it("finds an unisolated number (the check itself can fail)", () => {
    expect(unisolatedPhones("مثلًا 04-1234567 أو ‎+972 4 123 4567")).toEqual([
      "04-1234567",
      "+972 4 123 4567",
    ]);
    expect(unisolatedPhones("مثلًا ⁦04-1234567⁩ أو ⁦+972 4 123 4567⁩")).toEqual([]);
  });

  for (const locale of RTL_LOCALES) {
    const dir = path.join(process.cwd(), "locales", locale);
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      it(`${locale}/${file}: every phone number is in a left-to-right isolate`, () => {
        const tree = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Tree;
        const bad = strings(tree)
          .map(([key, text]) => [key, unisolatedPhones(text)] as const)
          .filter(([, phones]) => phones.length > 0);
        expect(bad).toEqual([]);
      });
    }
  }
});
