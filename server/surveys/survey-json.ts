import { textIn, type Locale, type LocalizedText } from "../shared/locales";
import { CONSENT_ID } from "./bank";
import type { InstrumentSnapshot, SnapshotItem } from "./snapshot";

/** The answer value of a "don't know" or "prefer not to say" choice. */
export const DONT_KNOW = "dk";

/** A string in one locale, or SurveyJS's multi-locale form (`default` is English). */
type Text = string | Record<string, string>;
type Localize = (text: LocalizedText) => Text;

// completedHtml is rendered as HTML; the bank's text is plain text.
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const SURVEYJS_TYPE = {
  radio: "radiogroup",
  dropdown: "dropdown",
  boolean: "boolean",
  rating: "rating",
  text: "text",
  comment: "comment",
} as const;

function question(item: SnapshotItem, t: Localize): Record<string, unknown> {
  // Items are optional unless the instrument says otherwise: a resident may skip any
  // question, and scoring treats a skipped item as missing.
  const out: Record<string, unknown> = {
    type: SURVEYJS_TYPE[item.control],
    name: item.id,
    title: t(item.text),
    isRequired: item.required,
  };
  if (item.visibleIf) out.visibleIf = item.visibleIf;
  const scale = item.scale;
  if (item.control === "text" || item.control === "comment" || !scale) {
    if (item.maxLength !== undefined) out.maxLength = item.maxLength;
    return out;
  }
  // Points keep the same order (lowest value first) in every language; RTL mirrors them visually.
  const choices: Array<{ value: number | string; text: Text }> = scale.points.map((p) => ({
    value: p.value,
    text: t(p.label),
  }));
  if (item.control === "boolean") {
    const [no, yes] = scale.points;
    return {
      ...out,
      valueFalse: no!.value,
      valueTrue: yes!.value,
      labelFalse: t(no!.label),
      labelTrue: t(yes!.label),
    };
  }
  if (item.control === "rating") {
    out.rateValues = choices;
    // SurveyJS folds a scale that does not fit into a dropdown on a phone, which hides
    // the 0-10 scale and its anchors: the buttons stay, wrapping onto a second row.
    out.displayMode = "buttons";
    if (scale.anchors) {
      out.minRateDescription = t(scale.anchors.low);
      out.maxRateDescription = t(scale.anchors.high);
    }
    return out;
  }
  if (item.dontKnow) choices.push({ value: DONT_KNOW, text: t(scale.dontKnowLabel) });
  return { ...out, choices };
}

function build(snapshot: InstrumentSnapshot, t: Localize, thanksHtml: Text) {
  const { texts } = snapshot;
  const consentPage = {
    name: CONSENT_ID,
    elements: [
      {
        type: "boolean",
        name: CONSENT_ID,
        title: t(texts.consent),
        renderAs: "checkbox",
        isRequired: true,
        requiredErrorText: t(texts.consentRequired),
        // isRequired alone accepts an unticked box once it was ticked and cleared (false).
        validators: [
          {
            type: "expression",
            expression: `{${CONSENT_ID}} = true`,
            text: t(texts.consentRequired),
          },
        ],
      },
    ],
  };
  return {
    title: t(texts.title),
    description: t(texts.intro),
    showQuestionNumbers: "off",
    showProgressBar: true,
    progressBarLocation: "top",
    completedHtml: thanksHtml,
    pages: [
      consentPage,
      ...snapshot.pages.map((page) => ({
        name: page.id,
        title: t(page.title),
        ...(page.description ? { description: t(page.description) } : {}),
        elements: page.items.map((item) => question(item, t)),
      })),
    ],
  };
}

/**
 * A SurveyJS (survey-core 3) definition of the snapshot in one locale. Each locale
 * gets its own definition rather than SurveyJS's multi-locale strings, so a
 * resident's page carries only their language.
 */
export function buildSurveyJson(
  snapshot: InstrumentSnapshot,
  locale: Locale,
): Record<string, unknown> {
  const thanks = `<p>${escapeHtml(snapshot.texts.thanks[locale])}</p>`;
  return build(snapshot, (text) => text[locale], thanks);
}

/**
 * One SurveyJS definition with every string in he, ar, en and ru (SurveyJS's
 * multi-locale form, English as `default`), for previews and exports where a
 * researcher switches `model.locale` to compare the languages side by side. A
 * text with no Russian shows its Hebrew in `ru`, as a Russian reader is shown it.
 */
export function buildMultiLocaleSurveyJson(snapshot: InstrumentSnapshot): Record<string, unknown> {
  const t = (text: LocalizedText) => ({
    default: text.en,
    he: text.he,
    ar: text.ar,
    ru: textIn(text, "ru"),
  });
  const thanks = snapshot.texts.thanks;
  const html = (text: string) => `<p>${escapeHtml(text)}</p>`;
  return build(snapshot, t, {
    default: html(thanks.en),
    he: html(thanks.he),
    ar: html(thanks.ar),
    ru: html(textIn(thanks, "ru")),
  });
}
