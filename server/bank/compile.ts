import { LOCALES, type LocalizedText } from "../shared/locales";
import {
  CHOICE_CONTROLS,
  CONSENT_ID,
  instrumentFileSchema,
  textsFileSchema,
  type InstrumentDraft,
  type ItemBank,
  type PageEntry,
  type SurveyTexts,
} from "../surveys/bank";
import type { CustomQuestion, DraftContent, DraftEntry, DraftText } from "./schema";
import { codesOfEntry, conditionProblems, type AskedCodes } from "./condition-checks";
import { visibleIfOf } from "./condition-expression";

/** Something that keeps a draft from being published; `code` is a locale key of the workspace. */
export interface Problem {
  path: string;
  code: string;
}

const bankQuestionIds = (bank: ItemBank) =>
  new Set([
    ...bank.items.keys(),
    ...[...bank.modules.values()].flatMap((m) => m.questions.map((q) => q.id)),
  ]);

/** Why a custom question cannot be asked as it stands, or null. */
function customProblem(bank: ItemBank, q: CustomQuestion, bankIds: Set<string>): string | null {
  if (bankIds.has(q.id) || q.id === CONSENT_ID) return "customIdClash";
  if (q.scale && !Object.hasOwn(bank.scales, q.scale)) return "unknownScale";
  const choice = CHOICE_CONTROLS.has(q.control);
  if (choice && (q.scale === undefined) === (q.choices === undefined || q.choices.length === 0)) {
    return "customNeedsChoices";
  }
  if (!choice && q.maxLength === undefined) return "customNeedsMaxLength";
  if (q.choices && q.choices.some((c, i) => i > 0 && c.value <= q.choices![i - 1]!.value)) {
    return "choicesOrder";
  }
  return null;
}

/**
 * Everything that keeps a draft from being published, by path and code: no
 * pages, empty or repeated pages, unknown items, modules or scales, a question
 * asked twice, a malformed custom question, a condition rule on a question not
 * asked before it or on an answer that question does not have, no scored
 * construct item, and missing translations.
 */
export function draftProblems(
  bank: ItemBank,
  content: DraftContent,
  missingTexts: number,
): Problem[] {
  const out: Problem[] = [];
  const bankIds = bankQuestionIds(bank);
  if (content.pages.length === 0) out.push({ path: "pages", code: "noPages" });
  const pageIds = new Set<string>();
  const asked: AskedCodes = new Map();
  let scored = 0;
  for (const page of content.pages) {
    const at = `pages.${page.id}`;
    if (pageIds.has(page.id) || page.id === CONSENT_ID)
      out.push({ path: at, code: "duplicatePage" });
    pageIds.add(page.id);
    if (page.entries.length === 0) out.push({ path: at, code: "emptyPage" });
    page.entries.forEach((entry, i) => {
      const where = `${at}.entries.${i}`;
      if (entry.kind === "item") {
        const found = bank.items.get(entry.id);
        if (!found) return void out.push({ path: where, code: "unknownItem" });
        if (found.item.scored) scored += 1;
      } else if (entry.kind === "module" && !bank.modules.has(entry.id)) {
        return void out.push({ path: where, code: "unknownModule" });
      } else if (entry.kind === "custom") {
        const code = customProblem(bank, entry.question, bankIds);
        if (code) out.push({ path: where, code });
      }
      if (entry.kind !== "module" && entry.showIf) {
        out.push(...conditionProblems(entry.showIf, asked, where));
      }
      for (const [id, codes] of codesOfEntry(bank, entry)) {
        if (asked.has(id)) out.push({ path: where, code: "duplicateQuestion" });
        asked.set(id, codes);
      }
    });
  }
  if (content.pages.length > 0 && scored === 0) out.push({ path: "pages", code: "noConstruct" });
  if (missingTexts > 0) out.push({ path: "translations", code: "translationsMissing" });
  return out;
}

/** Text with every language filled: a missing one shows another language, marked, in previews. */
export function filledText(text: DraftText): LocalizedText {
  const fallback = LOCALES.map((l) => text[l]).find((s) => s.trim() !== "") ?? "…";
  const fill = (s: string) => (s.trim() === "" ? `⚠ ${fallback}` : s);
  return { he: fill(text.he), ar: fill(text.ar), en: fill(text.en), ru: fill(text.ru ?? "") };
}

/**
 * Text as published: a Russian not yet written is left out (a Russian reader is
 * shown the Hebrew, marked), never published blank.
 */
export function publishedText(text: DraftText): LocalizedText {
  const { ru, ...three } = text;
  return ru === undefined || ru.trim() === "" ? three : { ...three, ru };
}

function entryOf(
  entry: DraftEntry,
  text: (t: DraftText) => LocalizedText,
  dropCondition: boolean,
): PageEntry {
  if (entry.kind === "module") return { module: entry.id };
  const conditions = {
    ...(entry.showIf && !dropCondition ? { visibleIf: visibleIfOf(entry.showIf) } : {}),
    ...(entry.required ? { required: true } : {}),
  };
  if (entry.kind === "item") return { item: entry.id, ...conditions };
  const q = entry.question;
  return {
    custom: {
      id: q.id,
      text: text(q.text),
      control: q.control,
      ...(q.scale ? { scale: q.scale } : {}),
      ...(q.choices
        ? { choices: q.choices.map((c) => ({ value: c.value, label: text(c.label) })) }
        : {}),
      preferNot: q.preferNot,
      ...(q.maxLength !== undefined ? { maxLength: q.maxLength } : {}),
    },
    ...conditions,
  };
}

/**
 * The draft in the bank's instrument format, with its texts. `lenient` (for
 * previews) fills missing translations and leaves out what cannot be asked, so
 * a half-built draft still shows; otherwise the bank's schemas check it.
 */
export function toBankDraft(
  bank: ItemBank,
  key: string,
  content: DraftContent,
  lenient: boolean,
): { draft: InstrumentDraft; texts: SurveyTexts } {
  const text = lenient ? filledText : publishedText;
  const broken = new Set(lenient ? draftProblems(bank, content, 0).map((p) => p.path) : []);
  const pages = content.pages
    .map((page) => ({
      id: page.id,
      title: text(page.title),
      ...(page.description ? { description: text(page.description) } : {}),
      items: page.entries.flatMap((e, i) => {
        const at = `pages.${page.id}.entries.${i}`;
        const badCondition = [...broken].some((p) => p.startsWith(`${at}.showIf.`));
        return broken.has(at) ? [] : [entryOf(e, text, badCondition)];
      }),
    }))
    .filter((p) => !lenient || p.items.length > 0);
  const raw = { key, title: text(content.title), pages };
  const texts = Object.fromEntries(
    Object.entries(content.texts).map(([k, v]) => [k, text(v)]),
  ) as SurveyTexts;
  if (lenient) return { draft: raw as InstrumentDraft, texts };
  return { draft: instrumentFileSchema.parse(raw), texts: textsFileSchema.parse(texts) };
}
