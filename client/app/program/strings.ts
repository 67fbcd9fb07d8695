import type { i18n } from "i18next";
import ar from "../../../locales/ar/program.json";
import en from "../../../locales/en/program.json";
import he from "../../../locales/he/program.json";

/** Adds the program page's strings to the page's i18next instance (they travel with its chunk). */
export function addProgramStrings(instance: i18n): void {
  for (const [lng, bundle] of Object.entries({ he, ar, en })) {
    if (!instance.hasResourceBundle(lng, "program"))
      instance.addResourceBundle(lng, "program", bundle, true, true);
  }
}
