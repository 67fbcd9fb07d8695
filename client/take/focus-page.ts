/**
 * After a page turn the resident should land on the new page's first question,
 * not on <body> and not half-way down where the last tap was: it is scrolled
 * into view and focused (so a screen reader reads it), without opening a
 * phone's keyboard, since the question, not an input, takes the focus.
 */
export function focusFirstQuestion(root: HTMLElement): void {
  const question = root.querySelector<HTMLElement>(".sd-question[data-name]");
  if (!question) return;
  if (!question.hasAttribute("tabindex")) question.tabIndex = -1;
  question.focus({ preventScroll: true });
  // The page starts just under the one-line header; from the top it is all in view.
  window.scrollTo({ top: 0 });
  if (question.getBoundingClientRect().top > window.innerHeight / 2)
    question.scrollIntoView({ block: "start" });
}
