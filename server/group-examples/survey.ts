import { textIn, type LocalizedText, type RespondentLocale } from "../shared/locales";

/**
 * The items whose wording leaves the groups to the page: their bank entry says
 * the examples are "chosen per authority" (surveys/constructs/solidarity-trust.json).
 */
export const GROUP_EXAMPLE_ITEMS: ReadonlySet<string> = new Set(["sol_groups_respect_b"]);

interface Element {
  name?: string;
  description?: string;
  elements?: Element[];
}

/**
 * The survey with the authority's examples of groups under each item that takes
 * them, in the respondent's language (Russian falls back to Hebrew, as every
 * text does). Without examples the item stands alone, as its wording allows.
 */
export function withGroupExamples(
  survey: Record<string, unknown>,
  examples: (LocalizedText & { ru?: string }) | null,
  locale: RespondentLocale,
): Record<string, unknown> {
  if (!examples) return survey;
  const description = textIn(examples, locale);
  const rewrite = (elements: Element[] | undefined): Element[] | undefined =>
    elements?.map((e) =>
      e.elements
        ? { ...e, elements: rewrite(e.elements) }
        : e.name && GROUP_EXAMPLE_ITEMS.has(e.name)
          ? { ...e, description }
          : e,
    );
  const pages = (survey.pages as Array<{ elements?: Element[] }> | undefined)?.map((p) => ({
    ...p,
    elements: rewrite(p.elements),
  }));
  return pages ? { ...survey, pages } : survey;
}
