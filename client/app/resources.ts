import type { Resource } from "i18next";
import arCommon from "../../locales/ar/common.json";
import arResults from "../../locales/ar/results.json";
import enCommon from "../../locales/en/common.json";
import enResults from "../../locales/en/results.json";
import heCommon from "../../locales/he/common.json";
import heResults from "../../locales/he/results.json";

/** Namespaces of the results pages, in all three languages. */
export const appResources = {
  he: { common: heCommon, results: heResults },
  ar: { common: arCommon, results: arResults },
  en: { common: enCommon, results: enResults },
} satisfies Resource;
