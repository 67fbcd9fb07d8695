import { settings, surveyLocalization } from "survey-core";
import "survey-core/i18n/arabic";
import "survey-core/i18n/hebrew";
import type { Locale } from "../shared/locale";

/**
 * Replaces SurveyJS built-in strings that are wrong or lack placeholders in its
 * Hebrew and Arabic packs (progress text, "Clear", a leading full stop) with
 * ours from `locales/<lng>/take.json`.
 */
export function overrideSurveyStrings(strings: Record<Locale, Record<string, string>>): void {
  for (const [locale, overrides] of Object.entries(strings)) {
    const pack = (surveyLocalization.locales[locale] ??= {}) as Record<string, string>;
    Object.assign(pack, overrides);
  }
}

/** Honours the reader's "reduce motion" setting for SurveyJS page and question animations. */
export function respectReducedMotion(): void {
  if (window.matchMedia?.("(prefers-reduced-motion: reduce)").matches)
    settings.animationEnabled = false;
}
