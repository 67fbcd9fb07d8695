/**
 * A dropdown hides its choices behind a tap and a pop-up with a Cancel button;
 * for a short list, radio buttons show every choice at once, like the other
 * questions of the page (the sex question was the only dropdown among radios).
 * Long lists stay dropdowns. The answers' values are the same either way.
 */
const MAX_RADIOS = 6;

type Element = Record<string, unknown> & { elements?: Element[] };

function convert(element: Element): Element {
  const nested = Array.isArray(element.elements) ? { elements: element.elements.map(convert) } : {};
  const short =
    element.type === "dropdown" &&
    Array.isArray(element.choices) &&
    element.choices.length <= MAX_RADIOS;
  return { ...element, ...nested, ...(short ? { type: "radiogroup" } : {}) };
}

/** The survey definition with every short dropdown asked as radio buttons. */
export function radiosForShortLists<S extends Record<string, unknown>>(survey: S): S {
  const pages = survey.pages;
  if (!Array.isArray(pages)) return survey;
  return { ...survey, pages: (pages as Element[]).map(convert) };
}
