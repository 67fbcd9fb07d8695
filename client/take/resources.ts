import type { Resource } from "i18next";
import arCommon from "../../locales/ar/common.json";
import arTake from "../../locales/ar/take.json";
import enCommon from "../../locales/en/common.json";
import enTake from "../../locales/en/take.json";
import heCommon from "../../locales/he/common.json";
import heTake from "../../locales/he/take.json";

/** Only the namespaces the respondent page reads, in all three languages. */
export const takeResources = {
  he: { common: heCommon, take: heTake },
  ar: { common: arCommon, take: arTake },
  en: { common: enCommon, take: enTake },
} satisfies Resource;
