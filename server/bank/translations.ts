import { LOCALES, type Locale } from "../shared/locales";
import { TEXT_KEYS, type DraftContent, type DraftText } from "./schema";

/**
 * Translation status of a draft. Hebrew is the source language of the program's
 * instruments: an Arabic or English text is stale when the Hebrew changed after
 * it was last edited (or confirmed), and missing when it is empty.
 */

/** The revision in which each language of one text last changed. */
export interface TextRev {
  path: string;
  he: number;
  ar: number;
  en: number;
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
    const out: TextRev = { path, he: revision, ar: revision, en: revision };
    for (const l of LOCALES) {
      if (old && rev && old[l] === text[l]) out[l] = rev[l];
    }
    return out;
  });
}

/** Missing and stale translations, in the order the texts appear. */
export function translationIssues(
  content: DraftContent,
  revs: readonly TextRev[],
): Array<{ path: string; locale: Locale; status: "missing" | "stale" }> {
  const byPath = new Map(revs.map((r) => [r.path, r]));
  const out: Array<{ path: string; locale: Locale; status: "missing" | "stale" }> = [];
  for (const [path, text] of textsOf(content)) {
    const rev = byPath.get(path);
    for (const locale of LOCALES) {
      if (text[locale].trim() === "") out.push({ path, locale, status: "missing" });
      else if (locale !== SOURCE_LOCALE && rev && rev[locale] < rev[SOURCE_LOCALE]) {
        out.push({ path, locale, status: "stale" });
      }
    }
  }
  return out;
}

/** Marks a translation as checked against the current Hebrew (it was right as it stood). */
export function confirmRev(revs: readonly TextRev[], path: string, locale: Locale): TextRev[] {
  return revs.map((r) => (r.path === path ? { ...r, [locale]: Math.max(r[locale], r.he) } : r));
}
