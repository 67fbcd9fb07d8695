/**
 * Issue 20, designer: the publish tab called every difference, a new question
 * included, a "series break". A new question starts a series; only a changed or
 * removed one breaks one. The heading counts changes, and a new question says so.
 */
import fs from "node:fs";
import path from "node:path";

const BREAK_WORD = { en: /break/i, he: /שבר/, ar: /كسر|كسور|كسران/ } as const;

const catalogue = (lng: string) =>
  JSON.parse(fs.readFileSync(path.join(process.cwd(), "locales", lng, "workspace.json"), "utf8"));

describe.each(Object.keys(BREAK_WORD) as Array<keyof typeof BREAK_WORD>)("in %s", (lng) => {
  const ws = catalogue(lng);
  const word = BREAK_WORD[lng];

  it("does not call a new question a series break", () => {
    expect(ws.breaks.added).not.toMatch(word);
    // and does say it is no break, so the list reads right next to real breaks
    expect(ws.breaks.added.length).toBeGreaterThan(ws.breaks.removed.length);
  });

  it("counts the differences as changes, not as series breaks", () => {
    const forms = Object.entries(ws.publish).filter(([k]) => k.startsWith("breaksSince_"));
    expect(forms.length).toBeGreaterThan(1);
    for (const [, text] of forms) expect(text).not.toMatch(word);
  });

  it("still names the real breaks as such", () => {
    expect(ws.publish.confirmBody).toMatch(word);
  });
});
