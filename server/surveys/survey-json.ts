import type { Locale } from "../i18n/locales";
import { CONSENT_ID } from "./bank";
import type { InstrumentSnapshot, SnapshotItem } from "./snapshot";

/** The answer value of a "don't know" choice. */
export const DONT_KNOW = "dk";

// completedHtml is rendered as HTML; the bank's text is plain text.
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function question(item: SnapshotItem, locale: Locale): Record<string, unknown> {
  const choices: Array<{ value: number | string; text: string }> = item.scale.points.map((p) => ({
    value: p.value,
    text: p.label[locale],
  }));
  if (item.dontKnow) choices.push({ value: DONT_KNOW, text: item.scale.dontKnowLabel[locale] });
  // Items are optional: a resident may skip any question; scoring treats it as missing.
  return {
    type: "radiogroup",
    name: item.id,
    title: item.text[locale],
    isRequired: false,
    choices,
  };
}

/**
 * A SurveyJS (survey-core 3) definition of the snapshot in one locale. Each locale
 * gets its own definition rather than SurveyJS's multi-locale strings, so a
 * resident's page carries only their language. Scale points keep the same order
 * (lowest value first) in every language; RTL layout mirrors them visually.
 */
export function buildSurveyJson(
  snapshot: InstrumentSnapshot,
  locale: Locale,
): Record<string, unknown> {
  const { texts } = snapshot;
  const consentPage = {
    name: CONSENT_ID,
    elements: [
      {
        type: "boolean",
        name: CONSENT_ID,
        title: texts.consent[locale],
        renderAs: "checkbox",
        isRequired: true,
        requiredErrorText: texts.consentRequired[locale],
        // isRequired alone accepts an unticked box once it was ticked and cleared (false).
        validators: [
          {
            type: "expression",
            expression: `{${CONSENT_ID}} = true`,
            text: texts.consentRequired[locale],
          },
        ],
      },
    ],
  };
  return {
    title: texts.title[locale],
    description: texts.intro[locale],
    showQuestionNumbers: "off",
    showProgressBar: true,
    progressBarLocation: "top",
    completedHtml: `<p>${escapeHtml(texts.thanks[locale])}</p>`,
    pages: [
      consentPage,
      ...snapshot.pages.map((page) => ({
        name: page.id,
        title: page.title[locale],
        elements: page.items.map((item) => question(item, locale)),
      })),
    ],
  };
}
