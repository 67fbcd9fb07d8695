import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { LocalizedFields } from "../LocalizedFields";
import type { BankView, CustomQuestion } from "../types";
import { useAppLocale } from "../../locale-context";
import { ChoicesEditor } from "./ChoicesEditor";
import { toOwnChoices, toScale } from "./custom-choices";
import type { IdProblem } from "./question-ids";
import { QuestionIdField } from "./QuestionIdField";

const CONTROLS = ["radio", "dropdown", "rating", "boolean", "text", "comment"] as const;
const TEXT_CONTROLS = new Set(["text", "comment"]);

interface Props {
  question: CustomQuestion;
  scales: BankView["scales"];
  onChange: (next: CustomQuestion) => void;
  /** Why a new id cannot be taken (checked against the whole draft), or null. */
  checkId: (next: string) => IdProblem | null;
  /** Renames the question and every condition naming it. */
  onRename: (next: string) => void;
}

/** The wording, control and scale of a question of the instrument's own. */
export function CustomQuestionEditor({ question, scales, onChange, checkId, onRename }: Props) {
  const { t } = useTranslation("workspace");
  const { locale } = useAppLocale();
  const ids = useId();
  const isText = TEXT_CONTROLS.has(question.control);
  const own = question.choices !== undefined && question.choices.length > 0;
  // Open at first for a new, empty question; after that the researcher opens and closes it.
  const [startOpen] = useState(question.text.he === "");
  function setControl(control: CustomQuestion["control"]) {
    if (TEXT_CONTROLS.has(control)) {
      const { scale: _s, choices: _c, ...rest } = question;
      onChange({ ...rest, control, maxLength: question.maxLength ?? 500 });
    } else {
      const { maxLength: _m, ...rest } = question;
      const keepsChoices = question.choices !== undefined && question.choices.length > 0;
      onChange({
        ...rest,
        control,
        ...(keepsChoices ? {} : { scale: question.scale ?? scales[0]?.id }),
      });
    }
  }
  return (
    <details className="ws-custom" open={startOpen}>
      <summary>{t("designer.editQuestion")}</summary>
      <QuestionIdField key={question.id} id={question.id} check={checkId} onRename={onRename} />
      <LocalizedFields
        label={t("designer.questionText")}
        value={question.text}
        multiline
        russian
        onChange={(text) => onChange({ ...question, text })}
      />
      <div className="ws-row">
        <label htmlFor={`${ids}-control`}>{t("designer.control")}</label>
        <select
          id={`${ids}-control`}
          value={question.control}
          onChange={(e) => setControl(e.target.value as CustomQuestion["control"])}
        >
          {CONTROLS.map((c) => (
            <option key={c} value={c}>
              {t(`controls.${c}`)}
            </option>
          ))}
        </select>
        {isText ? (
          <>
            <label htmlFor={`${ids}-max`}>{t("designer.maxLength")}</label>
            <input
              id={`${ids}-max`}
              type="number"
              dir="ltr"
              min={1}
              max={2000}
              className="ws-narrow"
              value={question.maxLength ?? 500}
              onChange={(e) =>
                onChange({
                  ...question,
                  maxLength: Math.max(1, Math.min(2000, Number(e.target.value) || 1)),
                })
              }
            />
          </>
        ) : (
          <>
            <label htmlFor={`${ids}-answers`}>{t("designer.answers")}</label>
            <select
              id={`${ids}-answers`}
              value={own ? "own" : "scale"}
              onChange={(e) =>
                onChange(
                  e.target.value === "own"
                    ? toOwnChoices(question, scales)
                    : toScale(question, scales),
                )
              }
            >
              <option value="scale">{t("designer.answersScale")}</option>
              <option value="own">{t("designer.answersOwn")}</option>
            </select>
            {own ? null : (
              <>
                <label htmlFor={`${ids}-scale`}>{t("designer.scale")}</label>
                <select
                  id={`${ids}-scale`}
                  value={question.scale ?? ""}
                  onChange={(e) => onChange({ ...question, scale: e.target.value })}
                >
                  {scales.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.points
                        .map((p) => p.label[locale])
                        .join(" / ")
                        .slice(0, 70)}
                    </option>
                  ))}
                </select>
              </>
            )}
          </>
        )}
        {isText ? null : (
          <label className="ws-check">
            <input
              type="checkbox"
              checked={question.preferNot}
              onChange={(e) => onChange({ ...question, preferNot: e.target.checked })}
            />
            {t("designer.preferNot")}
          </label>
        )}
      </div>
      {!isText && own ? (
        <ChoicesEditor
          choices={question.choices!}
          onChange={(choices) => onChange({ ...question, choices })}
        />
      ) : null}
    </details>
  );
}
