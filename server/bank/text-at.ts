import type { DraftContent, DraftText } from "./schema";

/**
 * The draft with one language of the text at `path` (a path of `textsOf`) set to
 * `value`; the content unchanged when no text is there.
 */
export function withTextAt(
  content: DraftContent,
  path: string,
  locale: keyof DraftText,
  value: string,
): DraftContent {
  const [head, id, field, choice] = path.split(".");
  const set = (text: DraftText): DraftText => ({ ...text, [locale]: value });
  if (head === "title") return { ...content, title: set(content.title) };
  if (head === "texts" && id && id in content.texts) {
    const key = id as keyof DraftContent["texts"];
    return { ...content, texts: { ...content.texts, [key]: set(content.texts[key]) } };
  }
  const pages = content.pages.map((page) => {
    if (head === "pages") {
      if (page.id !== id) return page;
      if (field === "title") return { ...page, title: set(page.title) };
      return page.description ? { ...page, description: set(page.description) } : page;
    }
    return {
      ...page,
      entries: page.entries.map((e) => {
        if (head !== "questions" || e.kind !== "custom" || e.question.id !== id) return e;
        const q = e.question;
        if (field === "text") return { ...e, question: { ...q, text: set(q.text) } };
        const choices = q.choices?.map((c) =>
          String(c.value) === choice ? { ...c, label: set(c.label) } : c,
        );
        return { ...e, question: { ...q, choices } };
      }),
    };
  });
  return { ...content, pages };
}
