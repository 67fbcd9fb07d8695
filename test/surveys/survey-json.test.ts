import { LOCALES, type Locale } from "../../server/shared/locales";
import { loadInstrumentDraft, loadItemBank } from "../../server/surveys/bank";
import { publishSnapshot } from "../../server/surveys/snapshot";
import { buildSurveyJson } from "../../server/surveys/survey-json";
import { questionsOf } from "../helpers/answers";

const bank = loadItemBank();
const snapshot = publishSnapshot(bank, loadInstrumentDraft(bank, "core"));

/** Every string value in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

const HEBREW = /[\u0590-\u05FF]/;
const ARABIC = /[\u0600-\u06FF]/;
const LATIN_WORD = /[A-Za-z]{3,}/;
// Keys and fixed SurveyJS values are Latin in every locale; only human text is checked.
const SURVEYJS_WORDS = new Set([
  "off",
  "top",
  "checkbox",
  "boolean",
  "radiogroup",
  "expression",
  "consent",
  "dk",
  "dropdown",
  "rating",
  "text",
  "comment",
]);

describe.each(LOCALES)("the SurveyJS definition in %s", (locale: Locale) => {
  const survey = buildSurveyJson(snapshot, locale);
  const questions = questionsOf(survey);

  it("holds only that locale's text", () => {
    const names = new Set(questions.map((q) => q.name));
    // Conditions such as "{vol_frequency} > 1" name questions; they are code, not text.
    const conditions = new Set(
      snapshot.pages.flatMap((p) => p.items.flatMap((i) => (i.visibleIf ? [i.visibleIf] : []))),
    );
    const text = strings(survey).filter(
      (s) =>
        !SURVEYJS_WORDS.has(s) &&
        !names.has(s) &&
        !conditions.has(s) &&
        !snapshot.pages.some((p) => p.id === s),
    );
    expect(text.length).toBeGreaterThan(20);
    for (const s of text) {
      if (locale !== "he") expect(s).not.toMatch(HEBREW);
      if (locale !== "ar") expect(s).not.toMatch(ARABIC);
      if (locale !== "en")
        expect(s.replace(/\{consent\} = true|<\/?p>/g, "")).not.toMatch(LATIN_WORD);
    }
    expect(survey).not.toHaveProperty("locale");
    expect(survey.title).toBe(snapshot.texts.title[locale]);
  });

  it("asks for consent first, as a required checkbox that must be true", () => {
    const pages = survey.pages as Array<{ elements: Array<Record<string, unknown>> }>;
    expect(pages[0]!.elements).toEqual([
      expect.objectContaining({
        type: "boolean",
        name: "consent",
        renderAs: "checkbox",
        isRequired: true,
        title: snapshot.texts.consent[locale],
        validators: [
          expect.objectContaining({ type: "expression", expression: "{consent} = true" }),
        ],
      }),
    ]);
    expect(pages).toHaveLength(1 + snapshot.pages.length);
  });

  it("names questions by item id with the scale in the same order in every locale", () => {
    expect(questions.slice(1).map((q) => q.name)).toEqual(
      snapshot.pages.flatMap((p) => p.items.map((i) => i.id)),
    );
    const ce = questions.find((q) => q.name === "ce_trust_1")!;
    expect(ce.choices!.map((c) => (c as { value: unknown }).value)).toEqual([1, 2, 3, 4, 5]);
    const sat = questions.find((q) => q.name === "sat_services_1")!;
    const item = snapshot.pages.flatMap((p) => p.items).find((i) => i.id === "sat_services_1")!;
    expect(sat.choices).toEqual([
      ...item.scale!.points.map((p) => ({ value: p.value, text: p.label[locale] })),
      { value: "dk", text: item.scale!.dontKnowLabel[locale] },
    ]);
  });
});
