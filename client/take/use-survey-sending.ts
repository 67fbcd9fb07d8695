/**
 * Keeping and sending a resident's answers: every change is kept on the device
 * (and a personal link's progress on the server), leaving mid-page keeps what was
 * answered on it, and the survey completes only once the server has stored the
 * answers; a failed send keeps them and offers a retry with the same submission id.
 */
import { useEffect, useRef, useState } from "react";
import type { CompletingEvent, SurveyModel } from "survey-core";
import { ApiError } from "../shared/api";
import { clearDraft, loadDraft, newSubmissionId, saveDraft } from "./draft-store";
import { deviceFor, postWithDevice } from "./open-link-device";
import { saveProgress, saveProgressOnLeave, submitUrl } from "./personal-link";
import { surveyThanks } from "./survey-model";
import { armTapGuard } from "./tap-guard";
import type { OpenSurvey, SubmissionResult } from "./types";

/** Where the sending of the answers stands, for the status line under the survey. */
export type SendState =
  | { kind: "idle" }
  | { kind: "sending" }
  | { kind: "checking" }
  | { kind: "failed"; error: unknown }
  /** The resident's group has all the answers the wave needs (a full quota cell). */
  | { kind: "screenedOut"; message: string };

/** Wires the model's events while `shown`; returns where the send stands. */
export function useSurveySending(
  model: SurveyModel,
  shown: boolean,
  open: OpenSurvey,
  slug: string,
  onSubmitted: (thanks: string | null) => void,
): SendState {
  const [send, setSend] = useState<SendState>({ kind: "idle" });
  const submissionId = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!shown) return;
    const persist = (survey: SurveyModel) => {
      saveDraft(slug, {
        answers: survey.data as Record<string, unknown>,
        pageNo: survey.currentPageNo,
        submissionId: submissionId.current,
      });
    };
    // SurveyJS waits for this promise and blocks navigation meanwhile; it must not reject.
    const completing = async (survey: SurveyModel, options: CompletingEvent) => {
      submissionId.current ??= loadDraft(slug)?.submissionId ?? newSubmissionId();
      persist(survey);
      setSend({ kind: "sending" });
      try {
        await postWithDevice<SubmissionResult>(
          submitUrl(slug),
          {
            locale: open.locale,
            submissionId: submissionId.current,
            answers: survey.data,
            ...(open.ballot ? { ballot: open.ballot } : {}),
          },
          deviceFor(open),
          (checking) => setSend({ kind: checking ? "checking" : "sending" }),
        );
        clearDraft(slug);
        submissionId.current = undefined;
        options.allow = true;
        setSend({ kind: "idle" });
      } catch (error) {
        options.allow = false;
        if (error instanceof ApiError && error.code === "QUOTA_FULL") {
          // Nothing to send again: the answers are not wanted, so none are kept.
          clearDraft(slug);
          submissionId.current = undefined;
          setSend({ kind: "screenedOut", message: error.message });
        } else setSend({ kind: "failed", error });
      }
    };
    const complete = (survey: SurveyModel) => onSubmitted(surveyThanks(open, survey));
    // A page shown under a finger that is still tapping: see tap-guard.ts.
    armTapGuard();
    model.onCurrentPageChanged.add(armTapGuard);
    model.onValueChanged.add(persist);
    model.onCurrentPageChanged.add(persist);
    const sync = (survey: SurveyModel) =>
      saveProgress(slug, survey.data as Record<string, unknown>, survey.currentPageNo);
    model.onCurrentPageChanged.add(sync);
    // Leaving mid-page (another app, the tab closed) keeps what was answered on it.
    const leave = () => {
      if (model.state !== "running") return;
      persist(model);
      saveProgressOnLeave(slug, model.data as Record<string, unknown>, model.currentPageNo);
    };
    const hidden = () => {
      if (document.visibilityState === "hidden") leave();
    };
    window.addEventListener("pagehide", leave);
    document.addEventListener("visibilitychange", hidden);
    model.onCompleting.add(completing);
    model.onComplete.add(complete);
    return () => {
      model.onValueChanged.remove(persist);
      model.onCurrentPageChanged.remove(persist);
      model.onCurrentPageChanged.remove(armTapGuard);
      model.onCurrentPageChanged.remove(sync);
      window.removeEventListener("pagehide", leave);
      document.removeEventListener("visibilitychange", hidden);
      model.onCompleting.remove(completing);
      model.onComplete.remove(complete);
    };
  }, [model, shown, open, slug, onSubmitted]);
  return send;
}
