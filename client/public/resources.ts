import type { Resource } from "i18next";
import arCommon from "../../locales/ar/common.json";
import arPublic from "../../locales/ar/public.json";
import arTake from "../../locales/ar/take.json";
import enCommon from "../../locales/en/common.json";
import enPublic from "../../locales/en/public.json";
import enTake from "../../locales/en/take.json";
import heCommon from "../../locales/he/common.json";
import hePublic from "../../locales/he/public.json";
import heTake from "../../locales/he/take.json";
import ruCommon from "../../locales/ru/common.json";
import ruPublic from "../../locales/ru/public.json";
import ruTake from "../../locales/ru/take.json";

/** The public pages read their own strings and the sign-up ones (withdrawal). */
export const publicResources = {
  he: { common: heCommon, public: hePublic, take: { signup: heTake.signup } },
  ar: { common: arCommon, public: arPublic, take: { signup: arTake.signup } },
  en: { common: enCommon, public: enPublic, take: { signup: enTake.signup } },
  ru: { common: ruCommon, public: ruPublic, take: { signup: ruTake.signup } },
} satisfies Resource;
