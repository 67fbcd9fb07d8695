/**
 * @jest-environment jsdom
 */
/**
 * A display condition in the designer (issue 20): picked from the earlier
 * question's answer labels rather than typed as a code, and said again in
 * words in the page's language.
 */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { initI18n } from "../../client/shared/i18n";
import { LocaleProvider } from "../../client/app/locale-context";
import { addWorkspaceStrings } from "../../client/app/workspace/resources";
import type { Locale } from "../../client/shared/locale";
import type { ConditionRule, DraftCondition, DraftContent } from "../../client/app/workspace/types";
import { ConditionEditor } from "../../client/app/workspace/designer/ConditionEditor";
import { conditionTarget } from "../../client/app/workspace/designer/condition-target";
import type { BankIndex } from "../../client/app/workspace/designer/labels";

const text = (he: string, ar: string, en: string) => ({ he, ar, en });

const bank = {
  items: new Map([
    [
      "place_pride",
      {
        text: text("אני גאה ביישוב", "أنا فخور ببلدتي", "I am proud of my town"),
        constructId: "c",
        scale: "agree3",
      },
    ],
  ]),
  modules: new Map([
    [
      "demographics",
      {
        id: "demographics",
        name: text("רקע", "خلفية", "Background"),
        questions: [
          {
            id: "age_group",
            text: text("גיל", "العمر", "Age"),
            control: "radio",
            answers: [
              { value: 1, label: text("18-34", "18-34", "18-34") },
              { value: 2, label: text("35 ומעלה", "35 فما فوق", "35 and over") },
            ],
          },
          { id: "note", text: text("הערה", "ملاحظة", "Note"), control: "text", answers: [] },
        ],
      },
    ],
  ]),
  constructs: [],
  scales: [
    {
      id: "agree3",
      control: "radio",
      points: [
        { value: 1, label: text("לא מסכים", "لا أوافق", "Disagree") },
        { value: 2, label: text("ניטרלי", "محايد", "Neutral") },
        { value: 3, label: text("מסכים", "أوافق", "Agree") },
      ],
    },
  ],
} as unknown as BankIndex;

const content = {
  pages: [
    {
      id: "p1",
      title: text("", "", ""),
      entries: [
        { kind: "item", id: "place_pride" },
        { kind: "module", id: "demographics" },
        {
          kind: "custom",
          question: {
            id: "kids",
            text: text("ילדים בבית?", "أطفال في البيت؟", "Children at home?"),
            control: "radio",
            choices: [
              { value: 0, label: text("לא", "لا", "No") },
              { value: 1, label: text("כן", "نعم", "Yes") },
            ],
            preferNot: false,
          },
        },
      ],
    },
  ],
} as unknown as DraftContent;

/** A condition of one rule, as every condition was before AND/OR. */
const one = (rule: ConditionRule): DraftCondition => ({ join: "all", rules: [rule] });

function renderEditor(locale: Locale, value: DraftCondition | undefined, seen: unknown[] = []) {
  const i18n = initI18n({}, locale, ["workspace"]);
  addWorkspaceStrings(i18n);
  return render(
    <I18nextProvider i18n={i18n}>
      <LocaleProvider i18n={i18n} initial={locale}>
        <ConditionEditor
          value={value}
          earlier={["place_pride", "age_group", "note", "kids"]}
          targetOf={(id) => conditionTarget(content, bank, id)}
          onChange={(next) => seen.push(next)}
        />
      </LocaleProvider>
    </I18nextProvider>,
  );
}

describe("what a condition can name", () => {
  it("a bank item's scale points, a custom question's own options, a module question's answers", () => {
    expect(conditionTarget(content, bank, "place_pride").answers.map((a) => a.value)).toEqual([
      1, 2, 3,
    ]);
    expect(conditionTarget(content, bank, "kids").answers.map((a) => a.label.en)).toEqual([
      "No",
      "Yes",
    ]);
    expect(conditionTarget(content, bank, "age_group").answers.map((a) => a.label.en)).toEqual([
      "18-34",
      "35 and over",
    ]);
    expect(conditionTarget(content, bank, "note")).toEqual({
      text: text("הערה", "ملاحظة", "Note"),
      answers: [],
    });
  });
});

describe("the condition editor", () => {
  it("offers the answers by label and says the condition in English", () => {
    renderEditor("en", one({ question: "place_pride", op: ">=", value: 2 }));
    const answer = screen.getByLabelText("Value");
    expect([...answer.querySelectorAll("option")].map((o) => o.textContent)).toEqual([
      "Disagree (1)",
      "Neutral (2)",
      "Agree (3)",
    ]);
    expect(screen.getByTestId("condition-words").textContent).toBe(
      "Asked only of residents whose answer to “I am proud of my town” is at least “Neutral”.",
    );
  });

  it("says it in Hebrew and Arabic with the question's own option labels", () => {
    renderEditor("he", one({ question: "kids", op: "=", value: 1 }));
    expect(screen.getByTestId("condition-words").textContent).toBe(
      "השאלה תוצג רק למי שתשובתו ל„ילדים בבית?“ היא בדיוק „כן“.",
    );
    renderEditor("ar", one({ question: "place_pride", op: "<", value: 3 }));
    expect(screen.getAllByTestId("condition-words")[1]!.textContent).toBe(
      "يُعرض هذا السؤال فقط على من كانت إجابته عن «أنا فخور ببلدتي» أقل من «أوافق».",
    );
  });

  it("starts a new condition on the question's first answer, and keeps a code where none is known", async () => {
    const seen: unknown[] = [];
    renderEditor("en", undefined, seen);
    await userEvent.selectOptions(screen.getByLabelText("Show only if this question"), "kids");
    expect(seen.at(-1)).toEqual(one({ question: "kids", op: "=", value: 0 }));
    renderEditor("en", one({ question: "note", op: "=", value: 2 }));
    expect(screen.getAllByLabelText("Value").at(-1)).toHaveProperty("type", "number");
  });

  it("picks a module question's answer by label and says it in words, in Hebrew too", () => {
    renderEditor("en", one({ question: "age_group", op: "=", value: 2 }));
    const answer = screen.getByLabelText("Value");
    expect(answer.tagName).toBe("SELECT");
    expect([...answer.querySelectorAll("option")].map((o) => o.textContent)).toEqual([
      "18-34 (1)",
      "35 and over (2)",
    ]);
    expect(screen.getByTestId("condition-words").textContent).toBe(
      "Asked only of residents whose answer to “Age” is exactly “35 and over”.",
    );
    renderEditor("he", one({ question: "age_group", op: "=", value: 2 }));
    expect(screen.getAllByTestId("condition-words")[1]!.textContent).toBe(
      "השאלה תוצג רק למי שתשובתו ל„גיל“ היא בדיוק „35 ומעלה“.",
    );
  });
});
