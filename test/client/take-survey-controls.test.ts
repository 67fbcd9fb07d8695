/**
 * Issue 18 (minor): on the resident's page the sex question was the only
 * dropdown among radio buttons, and SurveyJS's own Hebrew and Arabic packs
 * name a dropdown's Cancel "ביטל" (past tense, "he cancelled") and
 * "إلغاء الأمر" (a desktop menu phrase). Short lists are radio buttons like
 * the other demographic questions, and Cancel is ours in every language.
 */
import { Model, surveyLocalization } from "survey-core";
import { loadItemBank } from "../../server/surveys/bank";
import { buildSurveyJson } from "../../server/surveys/survey-json";
import { snapshotOf } from "../../server/surveys/snapshot";
import { takeResources } from "../../client/take/resources";
import { radiosForShortLists } from "../../client/take/short-lists";
import { overrideSurveyStrings } from "../../client/take/surveyjs-setup";

const core = snapshotOf(loadItemBank(), "core");

describe.each(["he", "ar", "en"] as const)("in %s", (lang) => {
  it("asks every short list, sex among them, as radio buttons", () => {
    const model = new Model(radiosForShortLists(buildSurveyJson(core, lang)));
    expect(model.getQuestionByName("dem_sex")?.getType()).toBe("radiogroup");
    const dropdowns = model.getAllQuestions().filter((q) => q.getType() === "dropdown");
    expect(dropdowns.map((q) => q.name)).toEqual([]);
  });

  it("names Cancel in our own words", () => {
    overrideSurveyStrings({
      he: takeResources.he.take.surveyjs,
      ar: takeResources.ar.take.surveyjs,
      en: takeResources.en.take.surveyjs,
    });
    const pack = surveyLocalization.locales[lang] as Record<string, string>;
    expect(pack.cancel).toBe(takeResources[lang].take.surveyjs.cancel);
    expect(pack.modalCancelButtonText).toBe(
      takeResources[lang].take.surveyjs.modalCancelButtonText,
    );
    expect(["ביטל", "إلغاء الأمر"]).not.toContain(pack.cancel);
  });
});
