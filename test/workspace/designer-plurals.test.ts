/**
 * Issue 20, Low: the designer's translations tab read "1 חסרים" (one missing,
 * with the plural adjective). Its counts now take each language's plural forms.
 */
import fs from "node:fs";
import path from "node:path";
import i18next from "i18next";

async function tFor(lng: "he" | "ar" | "en") {
  const file = path.join(process.cwd(), "locales", lng, "workspace.json");
  const i = i18next.createInstance();
  await i.init({
    lng,
    resources: { [lng]: { workspace: JSON.parse(fs.readFileSync(file, "utf8")) } },
    defaultNS: "workspace",
  });
  return (missing: number, stale: number) =>
    i.t("designer.tab.translationsCount", { missing, stale });
}

it("says one missing translation in the singular, in Hebrew", async () => {
  const t = await tFor("he");
  expect(t(1, 0)).not.toMatch(/\b1 חסרים/);
  expect(t(1, 0)).toMatch(/תרגום אחד חסר/);
  expect(t(2, 1)).toMatch(/שני תרגומים חסרים/);
  expect(t(5, 3)).toMatch(/5 תרגומים חסרים/);
});

it("takes Arabic's plural forms", async () => {
  const t = await tFor("ar");
  expect(t(1, 0)).toMatch(/ترجمة واحدة ناقصة/);
  expect(t(2, 0)).toMatch(/ترجمتان ناقصتان/);
  expect(t(3, 0)).toMatch(/3 ترجمات ناقصة/);
});

it("keeps English readable", async () => {
  const t = await tFor("en");
  expect(t(1, 2)).toBe("Translations (1 missing, 2 stale)");
});
