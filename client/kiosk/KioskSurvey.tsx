import { useEffect, useMemo, useRef, useState } from "react";
import type { SurveyModel } from "survey-core";
import { Survey } from "survey-react-ui";
import { useTranslation } from "react-i18next";
import { focusFirstQuestion } from "../take/focus-page";
import { PageProgress } from "../take/PageProgress";
import { residentModel } from "../take/survey-model";
import { armTapGuard, disarmTapGuard, tapGuardSkips } from "../take/tap-guard";
import type { OpenSurvey } from "./api";

/** Where a resident is in the survey: kept across a change of language. */
export interface KioskProgress {
  data: Record<string, unknown>;
  pageNo: number;
}

interface Props {
  open: OpenSurvey;
  /** Answers and page to put back (after the resident changed the language). */
  resume?: KioskProgress;
  /** Called on every answer and page turn, so a language change can carry them over. */
  onProgress: (progress: KioskProgress) => void;
  /** Called once with the answers when the resident completes the survey. */
  onDone: (answers: Record<string, unknown>) => void;
}

/**
 * The survey, full screen, on the phone's compact page: "page X of N" above it,
 * the title on the first page only, each new page opened on its first question.
 * Completing never waits for the network: the answers go to the encrypted queue
 * and the next resident can start at once.
 */
export function KioskSurvey({ open, resume, onProgress, onDone }: Props) {
  const { t } = useTranslation("take");
  const note = t("untranslated");
  const model = useMemo(() => {
    // As on the phone: short lists as radios, untranslated Russian marked and said.
    const m = residentModel(open, note);
    // The kiosk shows its own thank-you and resets; SurveyJS's page would linger.
    m.showCompletedPage = false;
    // The phone's compact page: progress is our "page X of N", not SurveyJS's steps.
    m.showProgressBar = false;
    if (resume) {
      m.data = resume.data;
      if (resume.pageNo > 0 && resume.pageNo < m.visiblePageCount) m.currentPageNo = resume.pageNo;
    }
    // The survey's title and introduction open it; later pages do not repeat them.
    m.showTitle = m.currentPageNo === 0;
    return m;
  }, [open, resume, note]);
  const pageRef = useRef<HTMLDivElement>(null);
  const [progress, setProgress] = useState({ page: 0, count: 0 });
  useEffect(() => {
    const show = (survey: SurveyModel) =>
      setProgress({ page: survey.currentPageNo + 1, count: survey.visiblePageCount });
    show(model);
    // The survey, new or redrawn in another language, appears under a finger that
    // has just tapped a language: a second tap must not answer it either. The bar
    // above it (languages, start over) stays put as pages turn: taps there count.
    tapGuardSkips(".kiosk-bar");
    armTapGuard();
    // A turned page opens on its first question, focused, as on the phone (focus-page.ts).
    const turned = (survey: SurveyModel) => {
      // A second tap on Next must not answer the new page (tap-guard.ts), as on the phone.
      armTapGuard();
      survey.showTitle = survey.currentPageNo === 0;
      show(survey);
      requestAnimationFrame(() => pageRef.current && focusFirstQuestion(pageRef.current));
    };
    model.onCurrentPageChanged.add(turned);
    model.onPageVisibleChanged.add(show);
    return () => {
      model.onCurrentPageChanged.remove(turned);
      model.onPageVisibleChanged.remove(show);
      // Start over, or the thank-you: the next screen's taps are not ghosts of this one's.
      disarmTapGuard();
    };
  }, [model]);
  useEffect(() => {
    const complete = (survey: SurveyModel) => onDone(survey.data as Record<string, unknown>);
    const progress = (survey: SurveyModel) =>
      onProgress({ data: survey.data as Record<string, unknown>, pageNo: survey.currentPageNo });
    model.onComplete.add(complete);
    model.onValueChanged.add(progress);
    model.onCurrentPageChanged.add(progress);
    return () => {
      model.onComplete.remove(complete);
      model.onValueChanged.remove(progress);
      model.onCurrentPageChanged.remove(progress);
    };
  }, [model, onDone, onProgress]);
  return (
    <>
      {progress.count > 1 ? <PageProgress page={progress.page} count={progress.count} /> : null}
      <div ref={pageRef}>
        <Survey model={model} />
      </div>
    </>
  );
}
