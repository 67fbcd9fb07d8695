import type { DraftContent, DraftText } from "../types";

/** The text at a translation path (as the server names it), or undefined. */
export function textAt(content: DraftContent, path: string): DraftText | undefined {
  const [head, id, field, value] = path.split(".");
  if (head === "title") return content.title;
  if (head === "texts") return content.texts[id as keyof DraftContent["texts"]];
  if (head === "pages") {
    const page = content.pages.find((p) => p.id === id);
    return field === "title" ? page?.title : page?.description;
  }
  for (const page of content.pages) {
    for (const e of page.entries) {
      if (e.kind !== "custom" || e.question.id !== id) continue;
      if (field === "text") return e.question.text;
      return e.question.choices?.find((c) => String(c.value) === value)?.label;
    }
  }
  return undefined;
}

/** The content with the text at `path` replaced. */
export function withText(content: DraftContent, path: string, text: DraftText): DraftContent {
  const [head, id, field, value] = path.split(".");
  if (head === "title") return { ...content, title: text };
  if (head === "texts") return { ...content, texts: { ...content.texts, [id!]: text } };
  return {
    ...content,
    pages: content.pages.map((page) => {
      if (head === "pages") return page.id === id ? { ...page, [field!]: text } : page;
      return {
        ...page,
        entries: page.entries.map((e) => {
          if (e.kind !== "custom" || e.question.id !== id) return e;
          if (field === "text") return { ...e, question: { ...e.question, text } };
          const choices = e.question.choices?.map((c) =>
            String(c.value) === value ? { ...c, label: text } : c,
          );
          return { ...e, question: { ...e.question, choices } };
        }),
      };
    }),
  };
}

/** A translation path as a researcher reads it. */
export function pathLabel(
  path: string,
  content: DraftContent,
  locale: keyof DraftText,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  const [head, id, field, value] = path.split(".");
  if (head === "title") return t("paths.title");
  if (head === "texts") return t(`paths.texts.${id}`);
  if (head === "pages") {
    const page = content.pages.find((p) => p.id === id);
    const title = page?.title[locale] || page?.title.he || id;
    return t(field === "title" ? "paths.pageTitle" : "paths.pageDescription", { page: title });
  }
  return field === "text" ? t("paths.question", { id }) : t("paths.choice", { id, value });
}
