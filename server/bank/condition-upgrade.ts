import type { DraftContent } from "./schema";

/**
 * A stored draft's content with every condition in the current shape. Drafts
 * saved before AND/OR (issue 20) held one bare rule `{question, op, value}` as
 * `showIf`; it becomes `{join: "all", rules: [rule]}`, which asks the same. The
 * content is read as the store holds it (not yet checked by zod), and anything
 * else is left for zod to judge.
 */
export function upgradeConditions(content: unknown): unknown {
  const pages = (content as { pages?: unknown } | null)?.pages;
  if (!Array.isArray(pages)) return content;
  return {
    ...(content as object),
    pages: pages.map((page: { entries?: unknown }) =>
      Array.isArray(page?.entries) ? { ...page, entries: page.entries.map(upgradeEntry) } : page,
    ),
  } as Partial<DraftContent>;
}

function upgradeEntry(entry: { showIf?: unknown }) {
  const c = entry?.showIf as { rules?: unknown; question?: unknown } | undefined;
  if (!c || typeof c !== "object" || "rules" in c || !("question" in c)) return entry;
  return { ...entry, showIf: { join: "all", rules: [c] } };
}
