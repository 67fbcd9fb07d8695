/**
 * The SurveyJS model of a survey as a resident takes it: built in the survey's
 * language, compact (no repeated title, our own progress), with unsent or saved
 * answers put back; and the survey's own thank-you text read out of it.
 */
import { Model, type SurveyModel } from "survey-core";
import { loadDraft } from "./draft-store";
import { consentQuestionOf } from "./FirstPage";
import { serverDraft } from "./personal-link";
import { radiosForShortLists } from "./short-lists";
import type { OpenSurvey } from "./types";
import { markTitleHebrew, untranslatedOf, withUntranslatedNotes } from "./untranslated";

/** Where answers put back came from: this device, or the server for a personal link. */
export type Restored = "device" | "server" | null;

/**
 * The model as every resident's screen starts it, phone and kiosk alike: in the
 * survey's language, short lists as radio buttons, and in Russian what has no
 * Russian yet marked as Hebrew and said.
 */
export function residentModel(open: OpenSurvey, untranslatedNote: string): SurveyModel {
  const untranslated = untranslatedOf(open);
  const model = new Model(
    withUntranslatedNotes(radiosForShortLists(open.survey), untranslated, untranslatedNote),
  );
  model.locale = open.locale;
  if (untranslated.size > 0)
    model.onAfterRenderQuestion.add((_, options) => {
      if (untranslated.has(options.question.name)) markTitleHebrew(options.htmlElement);
    });
  return model;
}

/** Builds the SurveyJS model in the survey's language, with any unsent answers put back. */
export function buildModel(
  open: OpenSurvey,
  slug: string,
  untranslatedNote: string,
  afterFirstPage: boolean,
): { model: SurveyModel; restored: Restored } {
  const model = residentModel(open, untranslatedNote);
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
  const restored: Restored =
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
export function surveyThanks(open: OpenSurvey, model: SurveyModel): string | null {
  if (typeof open.survey.completedHtml !== "string" || !open.survey.completedHtml) return null;
  const doc = new DOMParser().parseFromString(model.processedCompletedHtml, "text/html");
  return doc.body.textContent?.trim() || null;
}
