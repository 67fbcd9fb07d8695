/**
 * Everything of SurveyJS the respondent page needs, loaded as one chunk after
 * the first page is on screen (see FirstPage.tsx).
 */
import "survey-core/survey-core.fontless.min.css";
import { takeResources } from "./resources";
import { overrideSurveyStrings, respectReducedMotion } from "./surveyjs-setup";

overrideSurveyStrings({
  he: takeResources.he.take.surveyjs,
  ar: takeResources.ar.take.surveyjs,
  en: takeResources.en.take.surveyjs,
  ru: takeResources.ru.take.surveyjs,
});
respectReducedMotion();
