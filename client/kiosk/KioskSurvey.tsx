import { useEffect, useMemo } from "react";
import { Model, type SurveyModel } from "survey-core";
import { Survey } from "survey-react-ui";
import { useTranslation } from "react-i18next";
import { markTitleHebrew, untranslatedOf, withUntranslatedNotes } from "../take/untranslated";
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
 * The survey, full screen. Completing never waits for the network: the answers
 * go to the encrypted queue and the next resident can start at once.
 */
export function KioskSurvey({ open, resume, onProgress, onDone }: Props) {
  const { t } = useTranslation("take");
  const note = t("untranslated");
  const model = useMemo(() => {
    // In Russian, what has no Russian yet is in Hebrew: marked and said, as on the phone.
    const untranslated = untranslatedOf(open);
    const m = new Model(withUntranslatedNotes(open.survey, untranslated, note));
    m.locale = open.locale;
    if (untranslated.size > 0)
      m.onAfterRenderQuestion.add((_, options) => {
        if (untranslated.has(options.question.name)) markTitleHebrew(options.htmlElement);
      });
    // The kiosk shows its own thank-you and resets; SurveyJS's page would linger.
    m.showCompletedPage = false;
    if (resume) {
      m.data = resume.data;
      if (resume.pageNo > 0 && resume.pageNo < m.visiblePageCount) m.currentPageNo = resume.pageNo;
    }
    return m;
  }, [open, resume, note]);
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
  return <Survey model={model} />;
}
