import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useAppLocale } from "../../locale-context";
import type { DraftEntry } from "../types";
import { ConditionEditor } from "./ConditionEditor";
import type { ConditionTarget } from "./condition-target";
import { CustomQuestionEditor } from "./CustomQuestionEditor";
import { entryText, type BankIndex } from "./labels";
import type { IdProblem } from "./question-ids";

interface Props {
  entry: DraftEntry;
  index: number;
  count: number;
  bank: BankIndex;
  /** Questions asked before this one: what a condition may name. */
  earlier: string[];
  targetOf: (id: string) => ConditionTarget;
  problem?: string;
  onChange: (next: DraftEntry) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  /** Why a custom question cannot be renamed `to`, or null. */
  checkId: (from: string, to: string) => IdProblem | null;
  onRename: (from: string, to: string) => void;
}

/** One question (or module) of a page: its wording, order, condition and removal. */
export function EntryRow(props: Props) {
  const { entry, index, count, bank, earlier, problem, onChange, onMove, onRemove } = props;
  const { locale } = useAppLocale();
  const { t } = useTranslation("workspace");
  const ids = useId();
  const text = entryText(entry, bank, locale);
  const id = entry.kind === "custom" ? entry.question.id : entry.id;
  return (
    <li className="ws-entry" data-testid={`entry-${id}`} aria-labelledby={`${ids}-label`}>
      <div className="ws-entry__head">
        <span className="ws-badge">{t(`designer.kind.${entry.kind}`)}</span>
        <span id={`${ids}-label`} className="ws-entry__text">
          {text}
        </span>
        <code dir="ltr">{id}</code>
      </div>
      {problem ? (
        <p className="ws-problem" role="note">
          {t(`problems.${problem}`)}
        </p>
      ) : null}
      <div className="ws-entry__tools">
        <button
          type="button"
          className="ws-icon"
          disabled={index === 0}
          onClick={() => onMove(-1)}
          aria-label={t("designer.moveUp", { name: id })}
        >
          ↑
        </button>
        <button
          type="button"
          className="ws-icon"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
          aria-label={t("designer.moveDown", { name: id })}
        >
          ↓
        </button>
        {entry.kind !== "module" ? (
          <label className="ws-check">
            <input
              type="checkbox"
              checked={entry.required ?? false}
              onChange={(e) => onChange({ ...entry, required: e.target.checked || undefined })}
            />
            {t("designer.required")}
          </label>
        ) : null}
        <button type="button" className="ws-link-button ws-danger" onClick={onRemove}>
          {t("designer.remove")}
          <span className="visually-hidden"> {id}</span>
        </button>
        {entry.kind !== "module" ? (
          <ConditionEditor
            value={entry.showIf}
            earlier={earlier}
            targetOf={props.targetOf}
            onChange={(showIf) => onChange({ ...entry, showIf })}
          />
        ) : null}
      </div>
      {entry.kind === "custom" ? (
        <CustomQuestionEditor
          question={entry.question}
          scales={bank.scales}
          onChange={(question) => onChange({ ...entry, question })}
          checkId={(to) => props.checkId(entry.question.id, to)}
          onRename={(to) => props.onRename(entry.question.id, to)}
        />
      ) : null}
    </li>
  );
}
