import type { i18n } from "i18next";
import arAdmin from "../../../locales/ar/admin.json";
import arContacts from "../../../locales/ar/ws-contacts.json";
import arMonitoring from "../../../locales/ar/ws-monitoring.json";
import arWaves from "../../../locales/ar/ws-waves.json";
import arTrapd from "../../../locales/ar/ws-trapd.json";
import ar from "../../../locales/ar/workspace.json";
import enAdmin from "../../../locales/en/admin.json";
import enContacts from "../../../locales/en/ws-contacts.json";
import enMonitoring from "../../../locales/en/ws-monitoring.json";
import enWaves from "../../../locales/en/ws-waves.json";
import enTrapd from "../../../locales/en/ws-trapd.json";
import en from "../../../locales/en/workspace.json";
import heAdmin from "../../../locales/he/admin.json";
import heContacts from "../../../locales/he/ws-contacts.json";
import heMonitoring from "../../../locales/he/ws-monitoring.json";
import heWaves from "../../../locales/he/ws-waves.json";
import heTrapd from "../../../locales/he/ws-trapd.json";
import he from "../../../locales/he/workspace.json";

/** The workspace's namespaces: the shell and designer, one per fieldwork area, and the admins' screens. */
const BUNDLES = {
  he: {
    workspace: he,
    admin: heAdmin,
    "ws-waves": heWaves,
    "ws-contacts": heContacts,
    "ws-monitoring": heMonitoring,
    "ws-trapd": heTrapd,
  },
  ar: {
    workspace: ar,
    admin: arAdmin,
    "ws-waves": arWaves,
    "ws-contacts": arContacts,
    "ws-monitoring": arMonitoring,
    "ws-trapd": arTrapd,
  },
  en: {
    workspace: en,
    admin: enAdmin,
    "ws-waves": enWaves,
    "ws-contacts": enContacts,
    "ws-monitoring": enMonitoring,
    "ws-trapd": enTrapd,
  },
};

/**
 * Adds the workspace's strings to the page's i18next instance. They travel with
 * the lazily loaded workspace chunk, so the results and sign-in pages stay small.
 */
export function addWorkspaceStrings(instance: i18n): void {
  for (const [lng, namespaces] of Object.entries(BUNDLES)) {
    for (const [ns, bundle] of Object.entries(namespaces)) {
      if (!instance.hasResourceBundle(lng, ns)) {
        instance.addResourceBundle(lng, ns, bundle, true, true);
      }
    }
  }
}
