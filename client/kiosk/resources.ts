import type { Resource } from "i18next";
import arCommon from "../../locales/ar/common.json";
import arKiosk from "../../locales/ar/kiosk.json";
import arTake from "../../locales/ar/take.json";
import enCommon from "../../locales/en/common.json";
import enKiosk from "../../locales/en/kiosk.json";
import enTake from "../../locales/en/take.json";
import heCommon from "../../locales/he/common.json";
import heKiosk from "../../locales/he/kiosk.json";
import heTake from "../../locales/he/take.json";
import ruCommon from "../../locales/ru/common.json";
import ruKiosk from "../../locales/ru/kiosk.json";
import ruTake from "../../locales/ru/take.json";

/** The kiosk page's namespaces in the four residents' languages (take: SurveyJS string overrides). */
export const kioskResources = {
  he: { common: heCommon, kiosk: heKiosk, take: heTake },
  ar: { common: arCommon, kiosk: arKiosk, take: arTake },
  en: { common: enCommon, kiosk: enKiosk, take: enTake },
  ru: { common: ruCommon, kiosk: ruKiosk, take: ruTake },
} satisfies Resource;
