import type { BankItem, BankQuestion, InstrumentDraft } from "./bank-schema";
import type { ItemBank } from "./bank";

/** One question of an instrument, resolved against the bank. */
export type ResolvedEntry = { visibleIf?: string; required: boolean } & (
  | { kind: "item"; id: string; item: BankItem; constructId: string }
  | { kind: "demographic" | "custom"; id: string; question: BankQuestion }
);

/** An instrument page with its entries resolved. */
export interface ResolvedPage {
  page: InstrumentDraft["pages"][number];
  entries: ResolvedEntry[];
}

// SurveyJS names a question in an expression as {name}; those are what conditions depend on.
const referencesIn = (expression: string) =>
  [...expression.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!.trim());

/**
 * Resolves an instrument's pages into questions, reporting each problem through
 * `fail(where, message)`: an unknown item or module, a question asked twice, a
 * custom question whose id or scale clashes with the bank, or a condition naming
 * a question the instrument does not ask.
 */
export function collectInstrumentQuestions(
  bank: ItemBank,
  draft: InstrumentDraft,
  fail: (where: string, message: string) => never,
): ResolvedPage[] {
  const seen = new Set<string>();
  const asked = (id: string, where: string) => {
    if (seen.has(id)) fail(where, `item "${id}" asked twice`);
    seen.add(id);
  };
  const conditions: Array<{ where: string; expression: string }> = [];
  const pages = draft.pages.map((page, p) => {
    const entries: ResolvedEntry[] = [];
    page.items.forEach((entry, i) => {
      const where = `pages.${p}.items.${i}`;
      if (typeof entry === "string" || "item" in entry) {
        const id = typeof entry === "string" ? entry : entry.item;
        const found = bank.items.get(id) ?? fail(where, `unknown item "${id}"`);
        asked(id, where);
        const visibleIf = typeof entry === "string" ? undefined : entry.visibleIf;
        if (visibleIf) conditions.push({ where: `${where}.visibleIf`, expression: visibleIf });
        entries.push({
          kind: "item",
          id,
          item: found.item,
          constructId: found.constructId,
          visibleIf,
          required: typeof entry === "string" ? false : (entry.required ?? false),
        });
      } else if ("module" in entry) {
        const mod =
          bank.modules.get(entry.module) ?? fail(where, `unknown module "${entry.module}"`);
        for (const question of mod.questions) {
          asked(question.id, where);
          entries.push({ kind: "demographic", id: question.id, question, required: false });
        }
      } else {
        const question = entry.custom;
        if (
          bank.items.has(question.id) ||
          [...bank.modules.values()].some((m) => m.questions.some((q) => q.id === question.id))
        ) {
          fail(
            `${where}.custom.id`,
            `"${question.id}" is a bank question; a custom question needs its own id`,
          );
        }
        if (question.scale && !Object.hasOwn(bank.scales, question.scale)) {
          fail(`${where}.custom.scale`, `unknown scale "${question.scale}"`);
        }
        asked(question.id, where);
        if (entry.visibleIf)
          conditions.push({ where: `${where}.visibleIf`, expression: entry.visibleIf });
        entries.push({
          kind: "custom",
          id: question.id,
          question,
          visibleIf: entry.visibleIf,
          required: entry.required ?? false,
        });
      }
    });
    return { page, entries };
  });
  for (const { where, expression } of conditions) {
    for (const name of referencesIn(expression)) {
      if (!seen.has(name))
        fail(where, `condition names "${name}", which this instrument does not ask`);
    }
  }
  return pages;
}
