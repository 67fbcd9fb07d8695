import { settings, surveyLocalization } from "survey-core";
import "survey-core/i18n/arabic";
import "survey-core/i18n/hebrew";
import "survey-core/i18n/russian";
import type { RespondentLocale } from "../shared/locale";

/**
 * Replaces SurveyJS built-in strings that are wrong or lack placeholders in its
 * Hebrew, Arabic and Russian packs (progress text, "Clear", a leading full stop) with
 * ours from `locales/<lng>/take.json`.
 */
export function overrideSurveyStrings(
  strings: Partial<Record<RespondentLocale, Record<string, string>>>,
): void {
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
