import "../shared/fonts";
import "../shared/base.css";
import "./app.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { initI18n } from "../shared/i18n";
import { applyLocale, initialLocale } from "../shared/locale";
import { App } from "./App";
import { appResources } from "./resources";

const locale = initialLocale();
applyLocale(locale);
const i18n = initI18n(appResources, locale, ["results", "common", "auth"]);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App i18n={i18n} initialLocale={locale} />
    </I18nextProvider>
  </StrictMode>,
);
