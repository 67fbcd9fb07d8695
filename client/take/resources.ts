import type { Resource } from "i18next";
import arCommon from "../../locales/ar/common.json";
import arTake from "../../locales/ar/take.json";
import enCommon from "../../locales/en/common.json";
import enTake from "../../locales/en/take.json";
import heCommon from "../../locales/he/common.json";
import heTake from "../../locales/he/take.json";
import ruCommon from "../../locales/ru/common.json";
import ruTake from "../../locales/ru/take.json";

/** Only the namespaces the respondent page reads, in the four residents' languages. */
export const takeResources = {
  he: { common: heCommon, take: heTake },
  ar: { common: arCommon, take: arTake },
  en: { common: enCommon, take: enTake },
  ru: { common: ruCommon, take: ruTake },
} satisfies Resource;
