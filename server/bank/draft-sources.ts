import { TEXT_KEYS, type DraftContent, type DraftEntry, type DraftText } from "./schema";
import type { LocalizedText } from "../shared/locales";
import type { InstrumentDraft, ItemBank } from "../surveys/bank";
import type { InstrumentSnapshot } from "../surveys/snapshot";
import { parseCondition } from "./condition-expression";

/** Blank text in every language: where a new draft starts. */
export const blankText = (): DraftText => ({ he: "", ar: "", en: "", ru: "" });

/** A bank or published text as a draft's: its Russian empty where it has none. */
export const draftText = (text: LocalizedText): DraftText => ({
  he: text.he,
  ar: text.ar,
  en: text.en,
  ru: text.ru ?? "",
});

/** The instrument texts a draft edits, copied from the bank's or a version's. */
const draftTexts = (texts: Record<(typeof TEXT_KEYS)[number], LocalizedText>) =>
  Object.fromEntries(TEXT_KEYS.map((k) => [k, draftText(texts[k])])) as DraftContent["texts"];

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** An empty draft with the bank's standard intro, consent and thank-you texts. */
export function emptyDraft(bank: ItemBank, title: DraftContent["title"]): DraftContent {
  return { title, texts: draftTexts(bank.texts), pages: [] };
}

/** A draft copied from one of the bank's instrument files. */
export function draftFromBank(
  bank: ItemBank,
  source: InstrumentDraft,
  title: DraftContent["title"],
): DraftContent {
  return {
    title,
    texts: draftTexts(bank.texts),
    pages: source.pages.map((page) => ({
      id: page.id,
      title: draftText(page.title),
      ...optional("description", page.description ? draftText(page.description) : undefined),
      entries: page.items.map((entry): DraftEntry => {
        if (typeof entry === "string") return { kind: "item", id: entry };
        if ("module" in entry) return { kind: "module", id: entry.module };
        const conditions = {
          ...optional("showIf", parseCondition(entry.visibleIf)),
          ...optional("required", entry.required),
        };
        if ("item" in entry) return { kind: "item", id: entry.item, ...conditions };
        const q = entry.custom;
        return {
          kind: "custom",
          question: {
            id: q.id,
            text: draftText(q.text),
            control: q.control,
            ...optional("scale", q.scale),
            ...optional(
              "choices",
              q.choices?.map((c) => ({ value: c.value, label: draftText(c.label) })),
            ),
            preferNot: q.preferNot,
            ...optional("maxLength", q.maxLength),
          },
          ...conditions,
        };
      }),
    })),
  };
}

/** A draft copied from a published version, so the next version starts where it ended. */
export function draftFromSnapshot(bank: ItemBank, snapshot: InstrumentSnapshot): DraftContent {
  const moduleOf = (id: string) =>
    [...bank.modules.values()].find((m) => m.questions.some((q) => q.id === id))?.id;
  return {
    title: draftText(snapshot.title),
    texts: draftTexts(snapshot.texts),
    pages: snapshot.pages.map((page) => {
      const entries: DraftEntry[] = [];
      for (const q of page.items) {
        const conditions = {
          ...optional("showIf", parseCondition(q.visibleIf)),
          ...optional("required", q.required || undefined),
        };
        const mod = q.kind === "demographic" ? moduleOf(q.id) : undefined;
        if (mod) {
          if (!entries.some((e) => e.kind === "module" && e.id === mod))
            entries.push({ kind: "module", id: mod });
        } else if (q.kind === "item") {
          entries.push({ kind: "item", id: q.id, ...conditions });
        } else {
          const shared = q.scale && q.scale.id !== q.id && Object.hasOwn(bank.scales, q.scale.id);
          entries.push({
            kind: "custom",
            question: {
              id: q.id,
              text: draftText(q.text),
              control: q.control,
              ...optional("scale", shared ? q.scale!.id : undefined),
              ...optional(
                "choices",
                q.scale && !shared
                  ? q.scale.points.map((p) => ({ value: p.value, label: draftText(p.label) }))
                  : undefined,
              ),
              preferNot: q.dontKnow,
              ...optional("maxLength", q.maxLength),
            },
            ...conditions,
          });
        }
      }
      return {
        id: page.id,
        title: draftText(page.title),
        ...optional("description", page.description ? draftText(page.description) : undefined),
        entries,
      };
    }),
  };
}
