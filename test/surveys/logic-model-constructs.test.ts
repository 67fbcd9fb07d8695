/**
 * Issue 19, what to build 2: the constructs the logic model names (seed 000
 * outcomes, seed 003 indicators) are in the bank, each with a definition, a
 * source, a scale and its scoring, in he/ar/en and Russian, and asked by
 * edition 2 of the extended instrument.
 */
import { loadItemBank } from "../../server/surveys/bank";
import { checkBank } from "../../server/surveys/check";
import { questionsOfSnapshot, snapshotOf } from "../../server/surveys/snapshot";

const bank = loadItemBank();
const LOGIC_MODEL = [
  "program_exposure",
  "community_membership",
  "resident_leadership",
  "local_opportunity",
  "income_adequacy",
  "public_space",
  "subjective_wellbeing",
  "institutional_trust",
  "social_ties",
  "parental_involvement",
];

it("meets the issue's size: at least 22 constructs and 100 items, surveys:check clean", () => {
  const { problems, summary } = checkBank();
  expect(problems).toEqual([]);
  expect(summary.constructs).toBeGreaterThanOrEqual(22);
  expect(summary.items).toBeGreaterThanOrEqual(100);
});

describe.each(LOGIC_MODEL)("%s", (id) => {
  const construct = bank.constructs.find((c) => c.id === id)!;

  it("has a definition, a named source and items in four languages", () => {
    expect(construct).toBeDefined();
    for (const text of [
      construct.name,
      construct.description,
      ...construct.items.map((i) => i.text),
    ]) {
      for (const locale of ["he", "ar", "en", "ru"] as const) {
        expect([id, locale, (text[locale] ?? "").trim().length > 0]).toEqual([id, locale, true]);
      }
    }
    expect(construct.source).toMatch(/CBS|OECD|ESS|seed 00[03]|program/i);
    for (const item of construct.items) expect(item.source.trim()).not.toBe("");
  });

  it("is asked and scored by edition 2 of the extended instrument", () => {
    const snapshot = snapshotOf(bank, "extended", 2);
    const scored = snapshot.constructs.find((c) => c.id === id)!;
    expect(scored.itemIds.length).toBe(construct.items.filter((i) => i.scored).length);
    const asked = new Set(questionsOfSnapshot(snapshot).map((q) => q.id));
    expect(scored.itemIds.every((i) => asked.has(i))).toBe(true);
  });
});

it("asks OECD life satisfaction before the other well-being questions", () => {
  const ids = questionsOfSnapshot(snapshotOf(bank, "extended", 2)).map((q) => q.id);
  expect(ids[0]).toBe("qol_life_b");
  expect(ids.indexOf("wb_worthwhile")).toBeGreaterThan(0);
});

it("asks parents' items only of those who live with children", () => {
  const items = questionsOfSnapshot(snapshotOf(bank, "extended", 2)).filter(
    (q) => q.constructId === "parental_involvement",
  );
  expect(items.map((q) => q.visibleIf)).toEqual(items.map(() => "{dem_children} = 1"));
});
