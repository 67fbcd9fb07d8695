import "../shared/fonts";
import "../shared/base.css";
import "./app.css";
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { BrowserRouter } from "react-router";
import { initI18n } from "../shared/i18n";
import { applyLocale, initialLocale } from "../shared/locale";
import { App } from "./App";
import { LocaleProvider } from "./locale-context";
import { createQueryClient } from "./query-client";
import { appResources } from "./resources";

const locale = initialLocale();
applyLocale(locale);
const i18n = initI18n(appResources, locale, ["results", "common", "auth"]);
const queryClient = createQueryClient();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <LocaleProvider i18n={i18n} initial={locale}>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </QueryClientProvider>
      </LocaleProvider>
    </I18nextProvider>
  </StrictMode>,
);
