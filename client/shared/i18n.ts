import i18next, { type i18n, type Resource } from "i18next";
import { initReactI18next } from "react-i18next";
import type { RespondentLocale } from "./locale";

/**
 * Starts i18next with resources bundled into the page (no network fetch).
 * Each entry passes only the namespaces it uses, so residents do not download
 * the results page's strings.
 */
export function initI18n(
  resources: Resource,
  locale: RespondentLocale,
  namespaces: string[],
): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: "he",
    ns: namespaces,
    defaultNS: namespaces[0],
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return instance;
}
