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

/** The kiosk page's namespaces in all three languages (take: SurveyJS string overrides). */
export const kioskResources = {
  he: { common: heCommon, kiosk: heKiosk, take: heTake },
  ar: { common: arCommon, kiosk: arKiosk, take: arTake },
  en: { common: enCommon, kiosk: enKiosk, take: enTake },
} satisfies Resource;
