import "../shared/fonts";
import "survey-core/survey-core.fontless.min.css";
import "../shared/base.css";
import "./kiosk.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { initI18n } from "../shared/i18n";
import { applyLocale } from "../shared/locale";
import { overrideSurveyStrings, respectReducedMotion } from "../take/surveyjs-setup";
import { KioskApp } from "./KioskApp";
import { kioskResources } from "./resources";

// A kiosk always starts in Hebrew; each resident then picks a language.
applyLocale("he");
const i18n = initI18n(kioskResources, "he", ["kiosk", "common"]);
overrideSurveyStrings({
  he: kioskResources.he.take.surveyjs,
  ar: kioskResources.ar.take.surveyjs,
  en: kioskResources.en.take.surveyjs,
  ru: kioskResources.ru.take.surveyjs,
});
respectReducedMotion();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <KioskApp i18n={i18n} />
    </I18nextProvider>
  </StrictMode>,
);
