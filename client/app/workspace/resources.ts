import type { i18n } from "i18next";
import ar from "../../../locales/ar/workspace.json";
import en from "../../../locales/en/workspace.json";
import he from "../../../locales/he/workspace.json";

/**
 * Adds the workspace's strings to the page's i18next instance. They travel with
 * the lazily loaded workspace chunk, so the results and sign-in pages stay small.
 */
export function addWorkspaceStrings(instance: i18n): void {
  for (const [lng, bundle] of Object.entries({ he, ar, en })) {
    if (!instance.hasResourceBundle(lng, "workspace")) {
      instance.addResourceBundle(lng, "workspace", bundle, true, true);
    }
  }
}
