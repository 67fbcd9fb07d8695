/**
 * What happens as the resident turns a page of the running survey: "page X of N"
 * follows, focus moves to the new page's first question, and the browser's Back
 * turns a page back instead of leaving the survey (page-history.ts).
 */
import { useEffect, useState, type RefObject } from "react";
import type { SurveyModel } from "survey-core";
import { focusFirstQuestion } from "./focus-page";
import { followPageHistory } from "./page-history";

/** The page shown (from 1) and how many pages are visible now. */
export interface PageCount {
  page: number;
  count: number;
}

/**
 * Follows the model's pages while `shown`; nothing runs while the survey waits
 * behind the light first page (no focus taken, no history entry).
 */
export function usePageTurns(
  model: SurveyModel,
  shown: boolean,
  afterFirstPage: boolean,
  pageRef: RefObject<HTMLDivElement | null>,
): PageCount {
  const [progress, setProgress] = useState<PageCount>({ page: 0, count: 0 });
  useEffect(() => {
    if (!shown) return;
    const show = (survey: SurveyModel) =>
      setProgress({ page: survey.currentPageNo + 1, count: survey.visiblePageCount });
    show(model);
    const turned = (survey: SurveyModel) => {
      show(survey);
      requestAnimationFrame(() => pageRef.current && focusFirstQuestion(pageRef.current));
    };
    // Coming from the light first page is a page turn too.
    if (afterFirstPage) turned(model);
    model.onCurrentPageChanged.add(turned);
    model.onPageVisibleChanged.add(show);
    const unfollow = followPageHistory(model);
    return () => {
      unfollow();
      model.onCurrentPageChanged.remove(turned);
      model.onPageVisibleChanged.remove(show);
    };
  }, [model, shown, afterFirstPage, pageRef]);
  return progress;
}
