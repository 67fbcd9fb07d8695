import type { Locale } from "../../../shared/locale";
import type { BankView, DraftContent, DraftEntry } from "../types";

/** Lookups of bank texts by id, for labelling a draft's entries. */
export interface BankIndex {
  items: Map<string, { text: Record<Locale, string>; constructId: string; scale: string }>;
  modules: Map<string, BankView["modules"][number]>;
  constructs: BankView["constructs"];
  scales: BankView["scales"];
}

/** Indexes the bank view by item and module id. */
export function indexBank(bank: BankView): BankIndex {
  const items = new Map<
    string,
    { text: Record<Locale, string>; constructId: string; scale: string }
  >();
  for (const c of bank.constructs) {
    for (const i of c.items) items.set(i.id, { text: i.text, constructId: c.id, scale: i.scale });
  }
  return {
    items,
    modules: new Map(bank.modules.map((m) => [m.id, m])),
    constructs: bank.constructs,
    scales: bank.scales,
  };
}

/** The question ids an entry asks. */
export function idsOfEntry(entry: DraftEntry, bank: BankIndex): string[] {
  if (entry.kind === "item") return [entry.id];
  if (entry.kind === "custom") return [entry.question.id];
  return bank.modules.get(entry.id)?.questions.map((q) => q.id) ?? [];
}

/** A stable React key and DOM id fragment for an entry. */
export const entryKey = (entry: DraftEntry) =>
  entry.kind === "custom" ? `custom-${entry.question.id}` : `${entry.kind}-${entry.id}`;

/** What a researcher reads for an entry: its wording (or module name) in the page's language. */
export function entryText(entry: DraftEntry, bank: BankIndex, locale: Locale): string {
  if (entry.kind === "item") return bank.items.get(entry.id)?.text[locale] ?? entry.id;
  if (entry.kind === "module") return bank.modules.get(entry.id)?.name[locale] ?? entry.id;
  const text = entry.question.text;
  return text[locale] || text.he || text.en || text.ar || entry.question.id;
}

/** Every question id the draft asks, in order. */
export function askedIds(content: DraftContent, bank: BankIndex): string[] {
  return content.pages.flatMap((p) => p.entries.flatMap((e) => idsOfEntry(e, bank)));
}
