import type { ItemBank } from "../surveys/bank";
import type { LocalizedText } from "../shared/locales";
import type { DraftContent } from "./schema";
import { localesOf, textsOf } from "./translations";

/** A language a string is translated into: the workspace's two and Russian. */
export const TRAPD_LOCALES = ["ar", "en", "ru"] as const;
export type TrapdLocale = (typeof TRAPD_LOCALES)[number];

/**
 * One string of an instrument that goes through TRAPD. A draft's own text
 * (titles, intro, consent, custom questions) takes its adjudicated final into the
 * draft; a bank item's wording lives in the reviewed bank files (a changed wording
 * is a new item id), so its final is the record the bank change is made from.
 */
export interface TrapdUnit {
  path: string;
  kind: "text" | "item";
  /** The Hebrew source. */
  source: string;
  /** What residents are shown now, per target language ("" when none). */
  current: Partial<Record<TrapdLocale, string>>;
  locales: readonly TrapdLocale[];
}

/** The instrument's own name labels it in the workspace: no resident reads it in Russian. */
const WORKSPACE_LABEL_LOCALES = ["ar", "en"] as const;

function bankText(bank: ItemBank, id: string): LocalizedText | undefined {
  const item = bank.items.get(id);
  if (item) return item.item.text;
  for (const m of bank.modules.values()) {
    const q = m.questions.find((x) => x.id === id);
    if (q) return q.text;
  }
  return undefined;
}

/** Every string of a draft that goes through TRAPD, in the order residents meet them. */
export function trapdUnits(bank: ItemBank, content: DraftContent): TrapdUnit[] {
  const out: TrapdUnit[] = [...textsOf(content)].map(([path, text]) => ({
    path,
    kind: "text",
    source: text.he,
    current: { ar: text.ar, en: text.en, ru: text.ru ?? "" },
    locales: localesOf(path).includes("ru") ? TRAPD_LOCALES : WORKSPACE_LABEL_LOCALES,
  }));
  const seen = new Set<string>();
  for (const page of content.pages) {
    for (const entry of page.entries) {
      const ids =
        entry.kind === "item"
          ? [entry.id]
          : entry.kind === "module"
            ? (bank.modules.get(entry.id)?.questions.map((q) => q.id) ?? [])
            : [];
      for (const id of ids) {
        const text = bankText(bank, id);
        if (!text || seen.has(id)) continue;
        seen.add(id);
        out.push({
          path: `items.${id}.text`,
          kind: "item",
          source: text.he,
          current: { ar: text.ar, en: text.en, ru: text.ru ?? "" },
          locales: TRAPD_LOCALES,
        });
      }
    }
  }
  return out;
}
