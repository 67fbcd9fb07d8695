import type { i18n } from "i18next";
import arErrors from "../../../locales/ar/errors.json";
import ar from "../../../locales/ar/margins.json";
import enErrors from "../../../locales/en/errors.json";
import en from "../../../locales/en/margins.json";
import heErrors from "../../../locales/he/errors.json";
import he from "../../../locales/he/margins.json";

/**
 * Adds the margins screen's strings to the page's i18next instance (they travel
 * with its chunk), with the server's row messages (`errors.marginsFile`) under
 * `margins:file`, so a row's problem reads as the import's refusal does.
 */
export function addMarginsStrings(instance: i18n): void {
  const bundles = {
    he: { ...he, file: heErrors.marginsFile },
    ar: { ...ar, file: arErrors.marginsFile },
    en: { ...en, file: enErrors.marginsFile },
  };
  for (const [lng, bundle] of Object.entries(bundles)) {
    if (!instance.hasResourceBundle(lng, "margins"))
      instance.addResourceBundle(lng, "margins", bundle, true, true);
  }
}
