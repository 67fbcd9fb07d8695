import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { IdProblem } from "./question-ids";

interface Props {
  id: string;
  /** Why `next` cannot be the id (checked against the whole draft), or null. */
  check: (next: string) => IdProblem | null;
  onRename: (next: string) => void;
}

/**
 * A custom question's id, its variable name in every export: renamed only on
 * an explicit button, after the check, so a half-typed id never reaches the
 * draft and conditions naming it follow the rename (question-ids.ts).
 */
export function QuestionIdField({ id, check, onRename }: Props) {
  const { t } = useTranslation("workspace");
  const ids = useId();
  const [value, setValue] = useState(id);
  const [problem, setProblem] = useState<IdProblem | null>(null);
  const rename = () => {
    const next = value.trim();
    const found = check(next);
    setProblem(found);
    if (!found && next !== id) onRename(next);
  };
  return (
    <div className="ws-row">
      <label htmlFor={`${ids}-id`}>{t("designer.questionId")}</label>
      <input
        id={`${ids}-id`}
        dir="ltr"
        autoCapitalize="none"
        spellCheck={false}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            rename();
          }
        }}
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${ids}-hint`}
      />
      <button type="button" className="button button--secondary" onClick={rename}>
        {t("designer.renameId")}
      </button>
      <p
        id={`${ids}-hint`}
        className={problem ? "ws-problem" : "ws-hint"}
        role={problem ? "alert" : undefined}
      >
        {problem ? t(`designer.${problem}`) : t("designer.idHint")}
      </p>
    </div>
  );
}
