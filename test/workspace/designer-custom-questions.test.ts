/**
 * Custom questions in the designer (issue 20): their own answer options (codes
 * ascending and stable when options are added or removed), and renaming their
 * id safely (the server's pattern, unique, and every condition following it).
 * What the helpers produce is checked against the server's own draft rules.
 */
import {
  addChoice,
  removeChoice,
  toOwnChoices,
  toScale,
} from "../../client/app/workspace/designer/custom-choices";
import type { BankIndex } from "../../client/app/workspace/designer/labels";
import { checkQuestionId, renameQuestion } from "../../client/app/workspace/designer/question-ids";
import type { CustomQuestion, DraftContent } from "../../client/app/workspace/types";
import { draftContentSchema } from "../../server/bank/schema";
import { draftProblems } from "../../server/bank/compile";
import { loadItemBank } from "../../server/surveys/bank";

const text = (en: string) => ({ he: `${en} he`, ar: `${en} ar`, en });
const bankItems = loadItemBank();
const [firstItem] = bankItems.items.keys();
const scale = {
  id: "agree5",
  control: "radio",
  points: [1, 2, 3].map((value) => ({ value, label: text(`point ${value}`) })),
} as unknown as BankIndex["scales"][number];
const bank: BankIndex = {
  items: new Map([[firstItem!, { text: text("bank item"), constructId: "c", scale: "agree5" }]]),
  modules: new Map(),
  constructs: [],
  scales: [scale],
};

const question = (id: string, extra: Partial<CustomQuestion> = {}): CustomQuestion => ({
  id,
  text: text(`question ${id}`),
  control: "radio",
  preferNot: false,
  scale: "agree5",
  ...extra,
});

function draft(): DraftContent {
  return {
    title: text("t"),
    texts: {
      title: text("t"),
      intro: text("i"),
      consent: text("c"),
      consentRequired: text("r"),
      thanks: text("th"),
    },
    pages: [
      {
        id: "p1",
        title: text("page 1"),
        entries: [{ kind: "custom", question: question("custom_1") }],
      },
      {
        id: "p2",
        title: text("page 2"),
        entries: [
          {
            kind: "custom",
            question: question("custom_2"),
            showIf: {
              join: "any",
              rules: [
                { question: "custom_1", op: ">=", value: 2 },
                { question: "custom_1", op: "=", value: 3 },
              ],
            },
          },
        ],
      },
    ],
  };
}

describe("own answer options", () => {
  it("start from the scale's points, so nothing typed is lost", () => {
    const q = toOwnChoices(question("q"), [scale]);
    expect(q.scale).toBeUndefined();
    expect(q.choices!.map((c) => [c.value, c.label.en])).toEqual([
      [1, "point 1"],
      [2, "point 2"],
      [3, "point 3"],
    ]);
  });

  it("keep each option's code when another is added or removed", () => {
    let choices = toOwnChoices(question("q"), [scale]).choices!;
    choices = removeChoice(choices, 2);
    choices = addChoice(choices);
    expect(choices.map((c) => c.value)).toEqual([1, 3, 4]);
    expect(choices[2]!.label).toEqual({ he: "", ar: "", en: "" });
  });

  it("stop at the server's limit of 20", () => {
    let choices = toOwnChoices(question("q", { scale: undefined }), []).choices!;
    for (let i = 0; i < 30; i += 1) choices = addChoice(choices);
    expect(choices).toHaveLength(20);
  });

  it("are accepted by the server's draft rules, and so is going back to a scale", () => {
    const content = draft();
    const entry = content.pages[0]!.entries[0]! as { kind: "custom"; question: CustomQuestion };
    const own = toOwnChoices(entry.question, [scale]);
    entry.question = { ...own, choices: addChoice(removeChoice(own.choices!, 1)) };
    expect(draftContentSchema.safeParse(content).success).toBe(true);
    const entryProblems = (c: DraftContent) =>
      draftProblems(bankItems, c, 0).filter((p) => p.path.includes(".entries."));
    expect(entryProblems(content)).toEqual([]);
    entry.question = toScale(entry.question, [scale]);
    expect(entry.question.choices).toBeUndefined();
    expect(entry.question.scale).toBe("agree5");
  });
});

describe("renaming a custom question", () => {
  it("takes the server's id pattern only", () => {
    const c = draft();
    expect(checkQuestionId(c, bank, "custom_1", "trust_local")).toBeNull();
    expect(checkQuestionId(c, bank, "custom_1", "Trust")).toBe("idPattern");
    expect(checkQuestionId(c, bank, "custom_1", "1st")).toBe("idPattern");
    expect(checkQuestionId(c, bank, "custom_1", "a-b")).toBe("idPattern");
    expect(checkQuestionId(c, bank, "custom_1", `a${"b".repeat(60)}`)).toBe("idPattern");
  });

  it("refuses an id another question, a bank item or the consent has", () => {
    const c = draft();
    expect(checkQuestionId(c, bank, "custom_1", "custom_2")).toBe("idTaken");
    expect(checkQuestionId(c, bank, "custom_1", firstItem!)).toBe("idTaken");
    expect(checkQuestionId(c, bank, "custom_1", "consent")).toBe("idTaken");
    expect(checkQuestionId(c, bank, "custom_1", "custom_1")).toBeNull();
  });

  it("carries the conditions that named the old id", () => {
    const renamed = renameQuestion(draft(), "custom_1", "trust_local");
    const [first, second] = renamed.pages.map((p) => p.entries[0]!);
    expect(first).toMatchObject({ kind: "custom", question: { id: "trust_local" } });
    // Every rule that named it, in a condition of several.
    expect(second).toMatchObject({
      showIf: {
        join: "any",
        rules: [
          { question: "trust_local", op: ">=", value: 2 },
          { question: "trust_local", op: "=", value: 3 },
        ],
      },
    });
    // The server finds nothing wrong with the entries: no condition on a missing question.
    expect(
      draftProblems(bankItems, renamed, 0).filter((p) => p.path.includes(".entries.")),
    ).toEqual([]);
  });
});
