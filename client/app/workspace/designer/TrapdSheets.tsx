import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, postJson } from "../../../shared/api";
import { fileToBase64 } from "../contacts/api";

interface Props {
  draftKey: string;
  lang: "ar" | "en" | "ru";
  /** Called after an import wrote something, so the review is read again. */
  onImported: () => void;
}

interface ImportResult {
  saved: number;
  advanced: number;
  unchanged: number;
}

type State =
  | { kind: "idle" }
  | { kind: "busy" }
  | { kind: "done"; result: ImportResult }
  | { kind: "failed"; error: unknown };

/**
 * Translation sheets for translators who work outside the platform: the
 * language's sheet as XLSX, and a filled one taken back as a step on each
 * string's current stage (optionally moving on the strings it fills).
 */
export function TrapdSheets({ draftKey, lang, onImported }: Props) {
  const { t } = useTranslation("ws-trapd");
  const ids = useId();
  const [advance, setAdvance] = useState(false);
  const [state, setState] = useState<State>({ kind: "idle" });
  const url = `/api/bank/drafts/${encodeURIComponent(draftKey)}/trapd/sheets/${lang}`;

  async function upload(file: File) {
    setState({ kind: "busy" });
    try {
      const content = await fileToBase64(file);
      const result = await postJson<ImportResult>(url, { content, advance });
      setState({ kind: "done", result });
      onImported();
    } catch (error) {
      setState({ kind: "failed", error });
    }
  }

  return (
    <fieldset className="ws-trapd__sheets" data-testid="trapd-sheets">
      <legend>{t("sheets.title")}</legend>
      <a href={url} download data-testid="trapd-sheet-download">
        {t("sheets.download", { lang: t(`lang.${lang}`) })}
      </a>
      <label htmlFor={`${ids}-file`}>{t("sheets.upload")}</label>
      <input
        id={`${ids}-file`}
        type="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        disabled={state.kind === "busy"}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = "";
          if (file) void upload(file);
        }}
        data-testid="trapd-sheet-upload"
      />
      <label>
        <input type="checkbox" checked={advance} onChange={(e) => setAdvance(e.target.checked)} />{" "}
        {t("sheets.advance")}
      </label>
      <p role="status" aria-live="polite">
        {state.kind === "busy"
          ? t("sheets.busy")
          : state.kind === "done"
            ? t("sheets.done", {
                saved: state.result.saved,
                advanced: state.result.advanced,
                unchanged: state.result.unchanged,
              })
            : ""}
      </p>
      {state.kind === "failed" ? (
        <p role="alert" className="notice notice--error">
          {errorMessage(state.error, t)}
        </p>
      ) : null}
    </fieldset>
  );
}
