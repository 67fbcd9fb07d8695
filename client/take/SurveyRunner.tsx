import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Model, type CompletingEvent, type SurveyModel } from "survey-core";
import { Survey } from "survey-react-ui";
import { errorMessage, isRetryable } from "../shared/api";
import { clearDraft, loadDraft, newSubmissionId, saveDraft } from "./draft-store";
import { consentQuestionOf } from "./FirstPage";
import { focusFirstQuestion } from "./focus-page";
import { deviceFor, postWithDevice } from "./open-link-device";
import { PageProgress } from "./PageProgress";
import { followPageHistory } from "./page-history";
import { radiosForShortLists } from "./short-lists";
import { saveProgress, saveProgressOnLeave, serverDraft, submitUrl } from "./personal-link";
import "./survey-engine";
import { armTapGuard } from "./tap-guard";
import { keepBallot } from "./ballot-store";
import type { OpenSurvey, SubmissionResult } from "./types";
import { markTitleHebrew, untranslatedOf, withUntranslatedNotes } from "./untranslated";

interface Props {
  slug: string;
  open: OpenSurvey;
  /** Called once the server has stored the answers, with the thank-you text. */
  onSubmitted: (thanks: string | null) => void;
  /** Say that earlier answers were put back (not after a language switch). */
  announceRestore: boolean;
  /**
   * The light first page comes before: the survey opens on its second page, drawn
   * while the first is read (`waiting`), and takes the first page's answers when
   * the resident turns it (`firstPageAnswers`).
   */
  afterFirstPage?: boolean;
  /** Drawn but not shown yet: the resident is still on the light first page. */
  waiting?: boolean;
  /** Answers given on the light first page, once it was turned. */
  firstPageAnswers?: Record<string, unknown>;
}

type SendState =
  | { kind: "idle" }
  | { kind: "sending" }
  | { kind: "checking" }
  | { kind: "failed"; error: unknown };

/** Builds the SurveyJS model in the survey's language, with any unsent answers put back. */
function buildModel(
  open: OpenSurvey,
  slug: string,
  untranslatedNote: string,
  afterFirstPage: boolean,
): { model: SurveyModel; restored: "device" | "server" | null } {
  const untranslated = untranslatedOf(open);
  const model = new Model(
    withUntranslatedNotes(radiosForShortLists(open.survey), untranslated, untranslatedNote),
  );
  model.locale = open.locale;
  if (untranslated.size > 0)
    model.onAfterRenderQuestion.add((_, options) => {
      if (untranslated.has(options.question.name)) markTitleHebrew(options.htmlElement);
    });
  // A compact page: the title and introduction were on the first page, and
  // progress is our own "page X of N" (PageProgress.tsx), not SurveyJS's steps.
  model.showTitle = false;
  model.showProgressBar = false;
  if (afterFirstPage && model.visiblePageCount > 1) model.currentPageNo = 1;
  // Typed text reaches the answers as it is typed, so leaving the page keeps it too.
  model.textUpdateMode = "onTyping";
  // A personal link's answers saved on the server count when this device has none.
  const local = loadDraft(slug);
  const draft = local ?? serverDraft(open);
  const restored =
    draft && Object.keys(draft.answers).length > 0 ? (local ? "device" : "server") : null;
  if (draft && restored) {
    model.data = draft.answers;
    if (draft.pageNo > 0 && draft.pageNo < model.visiblePageCount)
      model.currentPageNo = draft.pageNo;
  }
  // Consent was given on the first page: no Previous back to it (shown in a second style).
  if (consentQuestionOf(open)) {
    const noWayBack = () => (model.showPrevButton = model.currentPageNo > 1);
    noWayBack();
    model.onCurrentPageChanged.add(noWayBack);
  }
  return { model, restored };
}

/** Plain text of the survey's own thank-you HTML, or null when it has none. */
function surveyThanks(open: OpenSurvey, model: SurveyModel): string | null {
  if (typeof open.survey.completedHtml !== "string" || !open.survey.completedHtml) return null;
  const doc = new DOMParser().parseFromString(model.processedCompletedHtml, "text/html");
  return doc.body.textContent?.trim() || null;
}

/**
 * Runs the survey and sends it. The survey completes (and the thank-you shows)
 * only after the server acknowledges the answers; until then they stay in
 * sessionStorage and a failed send offers a retry with the same submission id.
 */
export default function SurveyRunner({
  slug,
  open,
  onSubmitted,
  announceRestore,
  afterFirstPage = false,
  waiting = false,
  firstPageAnswers,
}: Props) {
  const { t } = useTranslation("take");
  const untranslatedNote = t("untranslated");
  // The wording this page asks, in a wave with a bridge: a reload asks the same one.
  useEffect(() => keepBallot(slug, open), [slug, open]);
  const { model, restored } = useMemo(
    () => buildModel(open, slug, untranslatedNote, afterFirstPage),
    [open, slug, untranslatedNote, afterFirstPage],
  );
  // The first page's answers join the survey as the page turns (and are saved with it).
  const shown = !waiting;
  useEffect(() => {
    if (!shown || !firstPageAnswers) return;
    for (const [name, value] of Object.entries(firstPageAnswers)) model.setValue(name, value);
  }, [model, shown, firstPageAnswers]);
  const [send, setSend] = useState<SendState>({ kind: "idle" });
  const submissionId = useRef<string | undefined>(undefined);
  const pageRef = useRef<HTMLDivElement>(null);
  const [progress, setProgress] = useState({ page: 0, count: 0 });

  // Nothing below runs while the page waits behind the first: no focus taken, no
  // history entry, no tap guard, no draft of a survey the resident has not begun.
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
  }, [model, shown, afterFirstPage]);

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
        setSend({ kind: "failed", error });
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

  return (
    <div hidden={waiting} data-testid={waiting ? "next-page-waiting" : undefined}>
      {restored && announceRestore ? (
        <p className="notice" data-testid="draft-restored">
          {/* answers from the server were not kept "on this device" */}
          {t(restored === "server" ? "draftRestoredSaved" : "draftRestored")}
        </p>
      ) : null}
      {progress.count > 1 ? <PageProgress page={progress.page} count={progress.count} /> : null}
      <div ref={pageRef}>
        <Survey model={model} />
      </div>
      <div role="status" aria-live="polite" className="send-status">
        {send.kind === "sending" ? <p className="notice">{t("sending")}</p> : null}
        {send.kind === "checking" ? (
          <p className="notice" data-testid="checking-device">
            {t("checkingDevice")}
          </p>
        ) : null}
      </div>
      {send.kind === "failed" ? (
        <div role="alert" className="notice notice--error send-error">
          <p>{errorMessage(send.error, t)}</p>
          <p>{t("submitFailed")}</p>
          {isRetryable(send.error) ? (
            <button type="button" className="button" onClick={() => model.completeLastPage()}>
              {t("sendAgain")}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
