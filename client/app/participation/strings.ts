import type { i18n } from "i18next";
import ar from "../../../locales/ar/participation.json";
import en from "../../../locales/en/participation.json";
import he from "../../../locales/he/participation.json";

/** Adds the participation strings to the page's i18next instance (they travel with their chunk). */
export function addParticipationStrings(instance: i18n): void {
  for (const [lng, bundle] of Object.entries({ he, ar, en })) {
    if (!instance.hasResourceBundle(lng, "participation"))
      instance.addResourceBundle(lng, "participation", bundle, true, true);
  }
}
