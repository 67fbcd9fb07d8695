import { useTranslation } from "react-i18next";
import { LocalizedFields } from "../LocalizedFields";
import type { CustomQuestion } from "../types";
import { addChoice, MAX_CHOICES, removeChoice } from "./custom-choices";

type Choices = NonNullable<CustomQuestion["choices"]>;

/**
 * A custom question's own answer options, each labelled in he/ar/en with its
 * code shown: codes stay ascending and never change when options are added or
 * removed (custom-choices.ts), so answers keep their meaning across versions.
 */
export function ChoicesEditor({
  choices,
  onChange,
}: {
  choices: Choices;
  onChange: (next: Choices) => void;
}) {
  const { t } = useTranslation("workspace");
  return (
    <div className="ws-choices" data-testid="own-choices">
      <ol>
        {choices.map((c) => (
          <li key={c.value} data-value={c.value}>
            <LocalizedFields
              label={t("designer.choiceLabel", { code: c.value })}
              value={c.label}
              russian
              onChange={(label) =>
                onChange(choices.map((x) => (x.value === c.value ? { ...x, label } : x)))
              }
            />
            <button
              type="button"
              className="ws-link-button ws-danger"
              disabled={choices.length <= 2}
              onClick={() => onChange(removeChoice(choices, c.value))}
            >
              {t("designer.removeChoice", { code: c.value })}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--secondary"
        disabled={choices.length >= MAX_CHOICES}
        onClick={() => onChange(addChoice(choices))}
      >
        {t("designer.addChoice")}
      </button>
    </div>
  );
}
