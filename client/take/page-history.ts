import type { SurveyModel } from "survey-core";

interface PageState {
  kpPage: number;
}

const pageOf = (state: unknown): number | null =>
  typeof (state as PageState | null)?.kpPage === "number" ? (state as PageState).kpPage : null;

/**
 * Puts the survey's pages in the browser's history, so a phone's Back button
 * goes to the previous page instead of leaving the survey (and Forward comes
 * back, through the page's own checks). The address does not change. Returns
 * the function that stops following.
 */
export function followPageHistory(model: SurveyModel): () => void {
  // The entry the survey opened on is its first page in history.
  window.history.replaceState({ ...window.history.state, kpPage: model.currentPageNo }, "");
  let fromHistory = false;
  let ignorePop = false;

  const turned = (survey: SurveyModel) => {
    const shown = pageOf(window.history.state);
    if (fromHistory) {
      fromHistory = false;
      return;
    }
    if (shown === null || survey.currentPageNo > shown) {
      window.history.pushState({ kpPage: survey.currentPageNo }, "");
    } else if (survey.currentPageNo < shown) {
      // The survey's own Previous button: step history back with it.
      ignorePop = true;
      window.history.back();
    }
  };

  const popped = (event: PopStateEvent) => {
    if (ignorePop) {
      ignorePop = false;
      return;
    }
    const target = pageOf(event.state);
    if (target === null || model.state !== "running" || target === model.currentPageNo) return;
    fromHistory = true;
    if (target < model.currentPageNo) {
      model.currentPageNo = target;
    } else if (!model.nextPage()) {
      // Forward to a page the current one may not yet leave: stay, and keep history in step.
      fromHistory = false;
      ignorePop = true;
      window.history.back();
    }
  };

  model.onCurrentPageChanged.add(turned);
  window.addEventListener("popstate", popped);
  return () => {
    model.onCurrentPageChanged.remove(turned);
    window.removeEventListener("popstate", popped);
  };
}
