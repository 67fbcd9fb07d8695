import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Survey } from "survey-react-ui";
import { keepBallot } from "./ballot-store";
import { PageProgress } from "./PageProgress";
import { SendStatus } from "./SendStatus";
import "./survey-engine";
import { buildModel } from "./survey-model";
import type { OpenSurvey } from "./types";
import { usePageTurns } from "./use-page-turns";
import { useSurveySending } from "./use-survey-sending";

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

/**
 * Runs the survey and sends it. The survey completes (and the thank-you shows)
 * only after the server acknowledges the answers (use-survey-sending.ts).
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
  const pageRef = useRef<HTMLDivElement>(null);
  // Nothing runs while the page waits behind the first: no focus taken, no history
  // entry, no tap guard, no draft of a survey the resident has not begun.
  const progress = usePageTurns(model, shown, afterFirstPage, pageRef);
  const send = useSurveySending(model, shown, open, slug, onSubmitted);

  return (
    <div hidden={waiting} data-testid={waiting ? "next-page-waiting" : undefined}>
      {restored && announceRestore ? (
        <p className="notice" data-testid="draft-restored">
          {/* answers from the server were not kept "on this device" */}
          {t(restored === "server" ? "draftRestoredSaved" : "draftRestored")}
        </p>
      ) : null}
      {progress.count > 1 && send.kind !== "screenedOut" ? (
        <PageProgress page={progress.page} count={progress.count} />
      ) : null}
      <div ref={pageRef} hidden={send.kind === "screenedOut"}>
        <Survey model={model} />
      </div>
      <SendStatus send={send} retry={() => model.completeLastPage()} />
    </div>
  );
}
