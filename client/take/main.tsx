import "../shared/fonts";
import "../shared/base.css";
import "./take.css";
import { createRoot, hydrateRoot } from "react-dom/client";
import { initI18n } from "../shared/i18n";
import { applyLocale, initialLocale, RESPONDENT_LOCALES } from "../shared/locale";
import { readPreloaded } from "./preloaded";
import { takeResources } from "./resources";
import { TakeRoot } from "./TakeRoot";

// The survey engine (about 350 kB compressed) is needed from the second page on. Asked
// for here, before the first page is brought to life, its download overlaps hydration
// and the resident's reading instead of starting after both (TakeApp asks for the same
// module, which is then already on its way).
void import("./SurveyRunner").catch(() => undefined);

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
