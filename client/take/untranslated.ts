/**
 * A Russian survey may still have questions the item bank has no Russian for:
 * the server sends them in Hebrew and names them (`untranslated`). The page says
 * so under each one, in Russian, and marks the Hebrew text as Hebrew so a screen
 * reader reads it with a Hebrew voice and it runs right to left.
 */
import type { OpenSurvey } from "./types";

type Element = Record<string, unknown> & { elements?: Element[] };

/** The names of the questions shown in Hebrew in this survey (none outside Russian). */
export function untranslatedOf(open: OpenSurvey): ReadonlySet<string> {
  return new Set(open.locale === "ru" ? (open.untranslated ?? []) : []);
}

function annotate(element: Element, names: ReadonlySet<string>, note: string): Element {
  const nested = Array.isArray(element.elements)
    ? { elements: element.elements.map((e) => annotate(e, names, note)) }
    : {};
  if (typeof element.name !== "string" || !names.has(element.name))
    return { ...element, ...nested };
  const before = typeof element.description === "string" ? `${element.description}\n` : "";
  return { ...element, ...nested, description: `${before}${note}` };
}

/** The survey definition with the note as the description of each question still in Hebrew. */
export function withUntranslatedNotes<S extends Record<string, unknown>>(
  survey: S,
  names: ReadonlySet<string>,
  note: string,
): S {
  const pages = survey.pages;
  if (names.size === 0 || !Array.isArray(pages)) return survey;
  return { ...survey, pages: (pages as Element[]).map((p) => annotate(p, names, note)) };
}

/** Marks a rendered question's title as Hebrew (language and direction). */
export function markTitleHebrew(question: HTMLElement): void {
  for (const title of question.querySelectorAll<HTMLElement>(".sd-question__title")) {
    title.lang = "he";
    title.dir = "rtl";
  }
}
