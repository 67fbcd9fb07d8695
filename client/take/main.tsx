import "../shared/fonts";
import "../shared/base.css";
import "./take.css";
import { createRoot, hydrateRoot } from "react-dom/client";
import { initI18n } from "../shared/i18n";
import { applyLocale, initialLocale, RESPONDENT_LOCALES } from "../shared/locale";
import { readPreloaded } from "./preloaded";
import { takeResources } from "./resources";
import { TakeRoot } from "./TakeRoot";

// A page the server drew (its first page and the survey inline) is hydrated in the
// language the server chose; a plain page is drawn here and asks the API.
const preloaded = readPreloaded(window.location.pathname);
const locale = preloaded?.locale ?? initialLocale(RESPONDENT_LOCALES);
applyLocale(locale);
const i18n = initI18n(takeResources, locale, ["take", "common"]);
const app = (
  <TakeRoot i18n={i18n} locale={locale} path={window.location.pathname} preloaded={preloaded} />
);
const root = document.getElementById("root")!;
if (preloaded && root.firstChild) hydrateRoot(root, app);
else createRoot(root).render(app);
