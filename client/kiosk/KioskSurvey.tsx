import { useEffect, useMemo } from "react";
import { Model, type SurveyModel } from "survey-core";
import { Survey } from "survey-react-ui";
import type { OpenSurvey } from "./api";

interface Props {
  open: OpenSurvey;
  /** Called once with the answers when the resident completes the survey. */
  onDone: (answers: Record<string, unknown>) => void;
}

/**
 * The survey, full screen. Completing never waits for the network: the answers
 * go to the encrypted queue and the next resident can start at once.
 */
export function KioskSurvey({ open, onDone }: Props) {
  const model = useMemo(() => {
    const m = new Model(open.survey);
    m.locale = open.locale;
    // The kiosk shows its own thank-you and resets; SurveyJS's page would linger.
    m.showCompletedPage = false;
    return m;
  }, [open]);
  useEffect(() => {
    const complete = (survey: SurveyModel) => onDone(survey.data as Record<string, unknown>);
    model.onComplete.add(complete);
    return () => model.onComplete.remove(complete);
  }, [model, onDone]);
  return <Survey model={model} />;
}
