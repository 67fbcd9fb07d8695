import "../shared/fonts";
import "../shared/base.css";
import "./public.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { initI18n } from "../shared/i18n";
import { applyLocale, initialLocale, RESPONDENT_LOCALES } from "../shared/locale";
import { PublicApp } from "./PublicApp";
import { publicResources } from "./resources";

const locale = initialLocale(RESPONDENT_LOCALES);
applyLocale(locale);
const i18n = initI18n(publicResources, locale, ["public", "take", "common"]);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <PublicApp i18n={i18n} initialLocale={locale} />
    </I18nextProvider>
  </StrictMode>,
);
