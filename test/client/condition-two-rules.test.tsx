/**
 * @jest-environment jsdom
 */
/**
 * A display condition of several rules (issue 20): a second rule is added and
 * removed in the designer, the rules are joined by "all of" or "any of", and
 * the whole condition is said in words in the page's language.
 */
import { useState } from "react";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { initI18n } from "../../client/shared/i18n";
import { LocaleProvider } from "../../client/app/locale-context";
import { addWorkspaceStrings } from "../../client/app/workspace/resources";
import type { Locale } from "../../client/shared/locale";
import type { DraftCondition, DraftContent } from "../../client/app/workspace/types";
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
  modules: new Map(),
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

const targetOf = (id: string) => conditionTarget(content, bank, id);

/** The editor with its condition held in state, as the designer's entry row holds it. */
function Harness(props: { start: DraftCondition | undefined; seen: unknown[] }) {
  const [value, setValue] = useState(props.start);
  return (
    <ConditionEditor
      value={value}
      earlier={["place_pride", "kids"]}
      targetOf={targetOf}
      onChange={(next) => {
        props.seen.push(next);
        setValue(next);
      }}
    />
  );
}

function renderHarness(locale: Locale, start: DraftCondition | undefined, seen: unknown[] = []) {
  const i18n = initI18n({}, locale, ["workspace"]);
  addWorkspaceStrings(i18n);
  return render(
    <I18nextProvider i18n={i18n}>
      <LocaleProvider i18n={i18n} initial={locale}>
        <Harness start={start} seen={seen} />
      </LocaleProvider>
    </I18nextProvider>,
  );
}

const proud = { question: "place_pride", op: ">=", value: 2 } as const;
const withKids = { question: "kids", op: "=", value: 1 } as const;

it("adds a second rule on the next question, then joins the two by any of", async () => {
  const seen: unknown[] = [];
  renderHarness("en", { join: "all", rules: [proud] }, seen);
  expect(screen.queryByLabelText("Which rules must hold")).toBeNull();
  await userEvent.click(screen.getByRole("button", { name: "Add a rule" }));
  expect(seen.at(-1)).toEqual({
    join: "all",
    rules: [proud, { question: "kids", op: "=", value: 0 }],
  });
  // The new rule's answer is picked by label, like the first one's.
  const second = screen.getAllByRole("listitem")[1]!;
  await userEvent.selectOptions(within(second).getByLabelText("Value (2)"), "Yes (1)");
  await userEvent.selectOptions(screen.getByLabelText("Which rules must hold"), "any");
  expect(seen.at(-1)).toEqual({ join: "any", rules: [proud, withKids] });
  // The second rule is headed by the connective, so the rules read apart.
  expect(within(second).getByText("or").className).toBe("ws-condition__joiner");
  expect(screen.getByTestId("condition-words").textContent).toBe(
    "Asked only of residents for whom at least one of these holds: " +
      "the answer to “I am proud of my town” is at least “Neutral”; " +
      "the answer to “Children at home?” is exactly “Yes”.",
  );
});

it("removes a rule, and with one rule left no longer asks how to join", async () => {
  const seen: unknown[] = [];
  renderHarness("en", { join: "any", rules: [proud, withKids] }, seen);
  await userEvent.click(screen.getByRole("button", { name: "Remove rule 1" }));
  expect(seen.at(-1)).toEqual({ join: "any", rules: [withKids] });
  expect(screen.queryByLabelText("Which rules must hold")).toBeNull();
  expect(screen.queryByRole("button", { name: /Remove rule/ })).toBeNull();
  expect(screen.getByTestId("condition-words").textContent).toBe(
    "Asked only of residents whose answer to “Children at home?” is exactly “Yes”.",
  );
});

it("stops adding rules at the server's limit of five", async () => {
  renderHarness("en", { join: "all", rules: [proud, withKids, proud, withKids] });
  await userEvent.click(screen.getByRole("button", { name: "Add a rule" }));
  expect(screen.getAllByRole("listitem")).toHaveLength(5);
  expect(screen.queryByRole("button", { name: "Add a rule" })).toBeNull();
});

it("says a two-rule condition in Hebrew and Arabic with the options' labels", () => {
  renderHarness("he", { join: "all", rules: [proud, withKids] });
  expect(screen.getByTestId("condition-words").textContent).toBe(
    "השאלה תוצג רק למי שכל אלה מתקיימים אצלו: התשובה ל„אני גאה ביישוב“ היא לפחות „ניטרלי“; " +
      "התשובה ל„ילדים בבית?“ היא בדיוק „כן“.",
  );
  renderHarness("ar", { join: "any", rules: [proud, withKids] });
  expect(screen.getAllByTestId("condition-words")[1]!.textContent).toBe(
    "يُعرض هذا السؤال فقط على من يتحقق فيه شرط واحد على الأقل مما يلي: " +
      "إجابته عن «أنا فخور ببلدتي» على الأقل «محايد»؛ إجابته عن «أطفال في البيت؟» بالضبط «نعم».",
  );
});
