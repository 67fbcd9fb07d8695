import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, postJson } from "../../../shared/api";
import { useJson } from "../../use-json";
import type { DraftDiff, DraftView, PublishResult } from "../types";
import type { TrapdView } from "../../../../server/bank/trapd-schema";
import { DraftDiffSummary, PublishDone } from "./PublishSummary";
import { TrapdBlockingList } from "./TrapdBlockingList";
import type { BankIndex } from "./labels";

interface Props {
  draft: DraftView;
  bank: BankIndex;
  onPublished: () => void;
}

type Step =
  | { kind: "idle" }
  | { kind: "publishing" }
  | { kind: "done"; result: PublishResult }
  | { kind: "failed"; error: unknown };

/**
 * What publishing would do (problems that block it, series breaks against the
 * latest version), and publishing itself after a confirmation: a version is
 * immutable, so this cannot be undone.
 */
export function PublishPanel({ draft, bank, onPublished }: Props) {
  const { t } = useTranslation("workspace");
  const [diff, retry] = useJson<DraftDiff>(
    `/api/bank/drafts/${encodeURIComponent(draft.key)}/diff?rev=${draft.revision}`,
  );
  // Strings TRAPD has not adjudicated yet: the server refuses to publish while any is left.
  const [trapd] = useJson<TrapdView>(
    `/api/bank/drafts/${encodeURIComponent(draft.key)}/trapd?rev=${draft.revision}`,
  );
  const blocking = trapd.kind === "ready" ? trapd.data.blocking : [];
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const dialog = useRef<HTMLDialogElement>(null);
  const stale = draft.translations.filter((i) => i.status === "stale").length;

  async function publish() {
    dialog.current?.close();
    setStep({ kind: "publishing" });
    try {
      const result = await postJson<PublishResult>(
        `/api/bank/drafts/${encodeURIComponent(draft.key)}/publish`,
        {
          revision: draft.revision,
        },
      );
      setStep({ kind: "done", result });
      onPublished();
    } catch (error) {
      setStep({ kind: "failed", error });
    }
  }

  if (step.kind === "done") return <PublishDone result={step.result} bank={bank} draft={draft} />;

  return (
    <div className="ws-publish">
      <p>{t("publish.intro")}</p>
      {draft.problems.length > 0 ? (
        <div className="notice notice--error" data-testid="publish-problems">
          <p>{t("publish.blocked", { count: draft.problems.length })}</p>
          <ul>
            {draft.problems.map((p) => (
              <li key={`${p.path}-${p.code}`}>
                {t(`problems.${p.code}`)} <code dir="ltr">{p.path}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <TrapdBlockingList content={draft} blocking={blocking} />
      {stale > 0 ? <p className="notice">{t("publish.stale", { count: stale })}</p> : null}
      <h3>{t("publish.diffHeading")}</h3>
      <DraftDiffSummary diff={diff} retry={retry} bank={bank} draft={draft} />
      {step.kind === "failed" ? (
        <p role="alert" className="notice notice--error">
          {errorMessage(step.error, t)}
        </p>
      ) : null}
      <button
        type="button"
        className="button"
        disabled={draft.problems.length > 0 || blocking.length > 0 || step.kind === "publishing"}
        onClick={() => dialog.current?.showModal()}
        data-testid="publish"
      >
        {step.kind === "publishing" ? t("publish.publishing") : t("publish.button")}
      </button>
      <p role="status" aria-live="polite" className="visually-hidden">
        {step.kind === "publishing" ? t("publish.publishing") : ""}
      </p>
      <dialog ref={dialog} className="ws-dialog" aria-labelledby="ws-publish-confirm">
        <h3 id="ws-publish-confirm">{t("publish.confirmTitle")}</h3>
        <p>{t("publish.confirmBody")}</p>
        <div className="ws-row">
          <button
            type="button"
            className="button"
            onClick={() => void publish()}
            data-testid="publish-confirm"
          >
            {t("publish.confirm")}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => dialog.current?.close()}
          >
            {t("publish.cancel")}
          </button>
        </div>
      </dialog>
    </div>
  );
}
