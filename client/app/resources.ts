import type { Resource } from "i18next";
import arAuth from "../../locales/ar/auth.json";
import arCommon from "../../locales/ar/common.json";
import arResults from "../../locales/ar/results.json";
import enAuth from "../../locales/en/auth.json";
import enCommon from "../../locales/en/common.json";
import enResults from "../../locales/en/results.json";
import heAuth from "../../locales/he/auth.json";
import heCommon from "../../locales/he/common.json";
import heResults from "../../locales/he/results.json";

/** Namespaces of the results and sign-in pages, in all three languages. */
export const appResources = {
  he: { common: heCommon, results: heResults, auth: heAuth },
  ar: { common: arCommon, results: arResults, auth: arAuth },
  en: { common: enCommon, results: enResults, auth: enAuth },
} satisfies Resource;
