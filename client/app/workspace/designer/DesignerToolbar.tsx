import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../shared/api";
import { useAppLocale } from "../../locale-context";
import type { DraftContent, DraftView } from "../types";
import type { DraftHandle } from "./use-draft";

interface Props {
  draft: DraftHandle;
  saved: DraftView;
  content: DraftContent;
}

/**
 * The designer's top line: the instrument and its latest version, undo, save
 * with what is saved, and a save that failed or met another's edit.
 */
export function DesignerToolbar({ draft, saved, content }: Props) {
  const { t } = useTranslation("workspace");
  const { locale } = useAppLocale();
  const lastUndo = draft.history.at(-1);
  const saving = draft.save.kind === "saving";
  return (
    <>
      <div className="ws-toolbar" data-testid="designer-toolbar">
        <div className="ws-toolbar__title">
          <strong>{content.title[locale] || content.title.he || saved.key}</strong>{" "}
          <code dir="ltr">{saved.key}</code>
          <span className="ws-muted ws-small">
            {saved.latestVersion === null
              ? t("designer.notPublished")
              : t("designer.latestVersion", { version: saved.latestVersion })}
          </span>
        </div>
        <button
          type="button"
          className="button button--secondary"
          disabled={!lastUndo}
          onClick={draft.undo}
        >
          {lastUndo
            ? t("designer.undoThis", { action: lastUndo.label })
            : t("designer.undoNothing")}
        </button>
        <button
          type="button"
          className="button"
          disabled={!draft.dirty || saving}
          onClick={() => void draft.persist()}
          data-testid="save"
        >
          {saving ? t("designer.saving") : t("designer.save")}
        </button>
        <p role="status" aria-live="polite" className="ws-save-status" data-testid="save-status">
          {saving
            ? t("designer.saving")
            : draft.dirty
              ? t("designer.unsaved")
              : draft.save.kind === "saved"
                ? t("designer.saved", { revision: saved.revision })
                : t("designer.upToDate", { revision: saved.revision })}
        </p>
      </div>
      {draft.save.kind === "conflict" ? (
        <div role="alert" className="notice notice--error">
          <p>{t("designer.conflict")}</p>
          <button type="button" className="button" onClick={draft.reload}>
            {t("designer.reload")}
          </button>
        </div>
      ) : draft.save.kind === "failed" ? (
        <p role="alert" className="notice notice--error">
          {errorMessage(draft.save.error, t)}
        </p>
      ) : null}
    </>
  );
}
