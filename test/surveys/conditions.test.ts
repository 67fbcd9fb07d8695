import { Model } from "survey-core";
import { validateAnswers } from "../../server/surveys/answer-schema";
import { loadItemBank, type InstrumentDraft } from "../../server/surveys/bank";
import { publishSnapshot, snapshotOf } from "../../server/surveys/snapshot";
import { buildSurveyJson } from "../../server/surveys/survey-json";
import { applyVisibility } from "../../server/surveys/visibility";

const bank = loadItemBank();
const core = snapshotOf(bank, "core");
const L = (en: string) => ({ he: `ש ${en}`, ar: `ع ${en}`, en });

/** A small instrument with a required follow-up, a chain of conditions and custom questions. */
const draft: InstrumentDraft = {
  key: "conditions_test",
  title: L("Conditions"),
  pages: [
    {
      id: "p1",
      title: L("Page one"),
      items: [
        "vol_frequency",
        { item: "vol_hours", visibleIf: "{vol_frequency} > 1", required: true },
        { item: "vol_in_locality", visibleIf: "{vol_hours} >= 3" },
        {
          custom: {
            id: "why_not",
            control: "text",
            maxLength: 20,
            preferNot: false,
            text: L("Why not?"),
          },
          visibleIf: "{vol_frequency} = 1",
        },
        {
          custom: {
            id: "heard_from",
            control: "radio",
            preferNot: true,
            text: L("Where did you hear of the survey?"),
            choices: [
              { value: 1, label: L("SMS") },
              { value: 2, label: L("Kiosk") },
            ],
          },
          required: true,
        },
      ],
    },
  ],
};
const snapshot = publishSnapshot(bank, draft);
const check = (answers: Record<string, unknown>) =>
  validateAnswers(snapshot, { consent: true, heard_from: 1, ...answers });

describe("conditions and required answers", () => {
  it("requires a follow-up only when its condition shows it", () => {
    expect(check({ vol_frequency: 1 })).toEqual({
      ok: true,
      answers: { consent: true, heard_from: 1, vol_frequency: 1 },
    });
    expect(check({ vol_frequency: 3 })).toEqual({
      ok: false,
      issues: [{ path: "vol_hours", code: "REQUIRED" }],
    });
    expect(check({ vol_frequency: 3, vol_hours: 1 }).ok).toBe(true);
    // "Prefer not to say" answers a required question.
    expect(check({ heard_from: "dk" }).ok).toBe(true);
    expect(validateAnswers(snapshot, { consent: true })).toEqual({
      ok: false,
      issues: [{ path: "heard_from", code: "REQUIRED" }],
    });
  });

  it("drops answers to hidden questions, following chains of conditions", () => {
    // vol_hours is hidden (frequency 1), so vol_in_locality, shown by vol_hours, goes too.
    expect(check({ vol_frequency: 1, vol_hours: 4, vol_in_locality: 1, why_not: "busy" })).toEqual({
      ok: true,
      answers: { consent: true, heard_from: 1, vol_frequency: 1, why_not: "busy" },
    });
    // An unanswered frequency hides the follow-ups as well.
    expect(check({ vol_hours: 4 })).toEqual({
      ok: true,
      answers: { consent: true, heard_from: 1 },
    });
  });

  it("checks text: type, length, and a blank box as no answer", () => {
    expect(check({ vol_frequency: 1, why_not: "x".repeat(21) })).toEqual({
      ok: false,
      issues: [{ path: "why_not", code: "TOO_LONG" }],
    });
    expect(check({ vol_frequency: 1, why_not: 42 })).toEqual({
      ok: false,
      issues: [{ path: "why_not", code: "NOT_TEXT" }],
    });
    expect(check({ vol_frequency: 1, why_not: "   " })).toEqual({
      ok: true,
      answers: { consent: true, heard_from: 1, vol_frequency: 1 },
    });
    // A resident's text is data even when it looks like an issue code.
    expect(check({ vol_frequency: 1, why_not: "TOO_LONG" }).ok).toBe(true);
  });

  it("agrees with survey-core's Model on what is visible", () => {
    const model = new Model(buildSurveyJson(snapshot, "he"));
    const cases: Array<Record<string, unknown>> = [
      {},
      { vol_frequency: 1 },
      { vol_frequency: 2 },
      { vol_frequency: 5, vol_hours: 2 },
      { vol_frequency: 5, vol_hours: 3 },
      { vol_frequency: 1, vol_hours: 4 },
    ];
    for (const data of cases) {
      const { answers, hidden } = applyVisibility(snapshot, data);
      const visible = snapshot.pages
        .flatMap((p) => p.items)
        .map((i) => i.id)
        .filter((id) => !hidden.has(id));
      model.data = answers;
      const byModel = model
        .getAllQuestions()
        .filter((q) => q.isVisible && q.name !== "consent")
        .map((q) => q.name);
      expect({ data, visible: [...visible] }).toEqual({ data, visible: byModel });
    }
  });
});

describe("answers to the core instrument's demographics and follow-ups", () => {
  it.each<[string, Record<string, unknown>]>([
    ["prefer not to say", { dem_sex: "dk", dem_population_group: "dk" }],
    ["a choice", { dem_age_band: 7, dem_household_size: 6 }],
    ["yes/no as 0 and 1", { dem_children: 0 }],
    ["the neighbourhood as text", { dem_neighbourhood: "הדר" }],
  ])("accepts %s", (_, answers) => {
    expect(validateAnswers(core, { consent: true, ...answers })).toEqual({
      ok: true,
      answers: { consent: true, ...answers },
    });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ["an age band off the list", { dem_age_band: 8 }, "dem_age_band", "NOT_A_CHOICE"],
    ["yes/no as a boolean", { dem_children: true }, "dem_children", "NOT_A_CHOICE"],
    ["don't know on a yes/no", { dem_children: "dk" }, "dem_children", "NOT_A_CHOICE"],
    [
      "a neighbourhood of 81 characters",
      { dem_neighbourhood: "א".repeat(81) },
      "dem_neighbourhood",
      "TOO_LONG",
    ],
    ["a number as the neighbourhood", { dem_neighbourhood: 3 }, "dem_neighbourhood", "NOT_TEXT"],
    [
      "an open answer over 500 characters",
      { open_improve: "x".repeat(501) },
      "open_improve",
      "TOO_LONG",
    ],
  ])("refuses %s", (_, answers, path, code) => {
    expect(validateAnswers(core, { consent: true, ...answers })).toEqual({
      ok: false,
      issues: [{ path, code }],
    });
  });

  it("keeps volunteering hours only from residents who volunteered", () => {
    const none = validateAnswers(core, { consent: true, vol_frequency: 1, vol_hours: 2 });
    expect(none).toEqual({ ok: true, answers: { consent: true, vol_frequency: 1 } });
    const some = validateAnswers(core, { consent: true, vol_frequency: 2, vol_hours: 2 });
    expect(some).toEqual({ ok: true, answers: { consent: true, vol_frequency: 2, vol_hours: 2 } });
  });
});
