import "survey-core/survey-core.fontless.min.css";
import { useEffect, useMemo } from "react";
import { Model } from "survey-core";
import { Survey } from "survey-react-ui";
import arTake from "../../../../locales/ar/take.json";
import enTake from "../../../../locales/en/take.json";
import heTake from "../../../../locales/he/take.json";
import ruTake from "../../../../locales/ru/take.json";
import type { RespondentLocale } from "../../../shared/locale";
import { overrideSurveyStrings } from "../../../take/surveyjs-setup";

// The same SurveyJS string fixes the respondent page uses, so the preview reads the same.
overrideSurveyStrings({
  he: heTake.surveyjs,
  ar: arTake.surveyjs,
  en: enTake.surveyjs,
  ru: ruTake.surveyjs,
});

/**
 * SurveyJS running the compiled draft, in one language. Nothing is sent: the
 * thank-you page shows and the preview can start again.
 */
export default function SurveyPreview({
  json,
  locale,
}: {
  json: Record<string, unknown>;
  locale: RespondentLocale;
}) {
  const model = useMemo(() => new Model(json), [json]);
  useEffect(() => {
    model.locale = locale;
  }, [model, locale]);
  model.locale = locale;
  return <Survey model={model} />;
}
