/**
 * Draws the respondent page on the server (server/web/take-page.ts): the same
 * tree the browser hydrates, with the survey the API would answer, so the first
 * question is in the HTML and paints before any script has run.
 */
import type { i18n } from "i18next";
import { renderToString } from "react-dom/server";
import { initI18n } from "../shared/i18n";
import type { RespondentLocale } from "../shared/locale";
import { takeResources } from "./resources";
import { TakeRoot } from "./TakeRoot";
import type { OpenSurvey } from "./types";

// One i18next per language, made at first use: the strings never change.
const instances = new Map<RespondentLocale, i18n>();

/** The markup of the page's root for a survey opened at `path`. */
export function renderTakePage(open: OpenSurvey, path: string): string {
  let i18n = instances.get(open.locale);
  if (!i18n) {
    i18n = initI18n(takeResources, open.locale, ["take", "common"]);
    instances.set(open.locale, i18n);
  }
  return renderToString(<TakeRoot i18n={i18n} locale={open.locale} path={path} preloaded={open} />);
}
