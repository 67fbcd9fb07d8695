import { RESPONDENT_LOCALES, type Locale, type RespondentLocale } from "../shared/locales";
import { TEXT_KEYS, textOf, type DraftContent, type DraftText } from "./schema";

/**
 * Translation status of a draft. Hebrew is the source language of the program's
 * instruments: an Arabic, English or Russian text is stale when the Hebrew changed
 * after it was last edited (or confirmed), and missing when it is empty. Russian
 * is reported like the others but does not keep a draft from being published: a
 * wave that offers Russian asks for it when it opens (server/waves/readiness.ts).
 */

/** The revision in which each language of one text last changed. */
export interface TextRev {
  path: string;
  he: number;
  ar: number;
  en: number;
  ru: number;
}

/**
 * Paths whose text no resident reads: the instrument's own name labels it in the
 * workspace (residents read `texts.title`), so it needs no Russian.
 */
const WORKSPACE_ONLY = new Set(["title"]);

/** The languages a text at `path` is asked in. */
export function localesOf(path: string): readonly RespondentLocale[] {
  return WORKSPACE_ONLY.has(path)
    ? RESPONDENT_LOCALES.filter((l) => l !== "ru")
    : RESPONDENT_LOCALES;
}

export const SOURCE_LOCALE: Locale = "he";

/** Every text of a draft by a stable path (ids, not positions, so reordering changes nothing). */
export function textsOf(content: DraftContent): Map<string, DraftText> {
  const out = new Map<string, DraftText>();
  out.set("title", content.title);
  for (const k of TEXT_KEYS) out.set(`texts.${k}`, content.texts[k]);
  for (const page of content.pages) {
    out.set(`pages.${page.id}.title`, page.title);
    if (page.description) out.set(`pages.${page.id}.description`, page.description);
    for (const entry of page.entries) {
      if (entry.kind !== "custom") continue;
      const q = entry.question;
      out.set(`questions.${q.id}.text`, q.text);
      for (const c of q.choices ?? []) out.set(`questions.${q.id}.choices.${c.value}`, c.label);
    }
  }
  return out;
}

/**
 * The revisions after saving `next` over `previous` as revision `revision`: a
 * language whose text changed (or is new) takes the new revision, the rest keep theirs.
 */
export function nextRevs(
  previous: DraftContent | undefined,
  revs: readonly TextRev[],
  next: DraftContent,
  revision: number,
): TextRev[] {
  const before = previous ? textsOf(previous) : new Map<string, DraftText>();
  const oldRevs = new Map(revs.map((r) => [r.path, r]));
  return [...textsOf(next)].map(([path, text]) => {
    const old = before.get(path);
    const rev = oldRevs.get(path);
    const out: TextRev = { path, he: revision, ar: revision, en: revision, ru: revision };
    for (const l of RESPONDENT_LOCALES) {
      if (old && rev && textOf(old, l) === textOf(text, l)) out[l] = rev[l];
    }
    return out;
  });
}

/** A text missing or stale in one language. */
export interface TranslationIssue {
  path: string;
  locale: RespondentLocale;
  status: "missing" | "stale";
}

/** The missing texts that keep a draft from being published: every language but Russian. */
export function missingToPublish(issues: readonly TranslationIssue[]): TranslationIssue[] {
  return issues.filter((i) => i.status === "missing" && i.locale !== "ru");
}

/** Missing and stale translations, in the order the texts appear. */
export function translationIssues(
  content: DraftContent,
  revs: readonly TextRev[],
): TranslationIssue[] {
  const byPath = new Map(revs.map((r) => [r.path, r]));
  const out: TranslationIssue[] = [];
  for (const [path, text] of textsOf(content)) {
    const rev = byPath.get(path);
    for (const locale of localesOf(path)) {
      if (textOf(text, locale).trim() === "") out.push({ path, locale, status: "missing" });
      else if (locale !== SOURCE_LOCALE && rev && rev[locale] < rev[SOURCE_LOCALE]) {
        out.push({ path, locale, status: "stale" });
      }
    }
  }
  return out;
}

/** Marks a translation as checked against the current Hebrew (it was right as it stood). */
export function confirmRev(
  revs: readonly TextRev[],
  path: string,
  locale: RespondentLocale,
): TextRev[] {
  return revs.map((r) => (r.path === path ? { ...r, [locale]: Math.max(r[locale], r.he) } : r));
}
