import { useTranslation } from "react-i18next";
import type { DraftContent, DraftDiff } from "../types";
import type { BankIndex } from "./labels";
import { useAppLocale } from "../../locale-context";

/** Series breaks between two versions, each named in words a researcher reads. */
export function BreakList({
  breaks,
  bank,
  content,
}: {
  breaks: DraftDiff["breaks"];
  bank: BankIndex;
  /** The draft, for the wording of its own questions. */
  content: DraftContent;
}) {
  const { t } = useTranslation("workspace");
  const { locale } = useAppLocale();
  const name = (id: string, kind: string) =>
    kind === "items"
      ? (bank.constructs.find((c) => c.id === id)?.name[locale] ?? id)
      : (bank.items.get(id)?.text[locale] ?? ownText(id) ?? id);
  const ownText = (id: string) => {
    for (const p of content.pages)
      for (const e of p.entries)
        if (e.kind === "custom" && e.question.id === id)
          return e.question.text[locale] || undefined;
    return undefined;
  };
  return (
    <ul className="ws-breaks" data-testid="break-list">
      {breaks.map((b) => (
        <li key={`${b.id}-${b.kind}`} data-testid={`break-${b.kind}-${b.id}`}>
          <strong>{t(`breaks.${b.kind}`)}</strong>
          {b.locales ? ` (${b.locales.map((l) => t(`lang.${l}`)).join(", ")})` : null}:{" "}
          <span>{name(b.id, b.kind).slice(0, 90)}</span> <code dir="ltr">{b.id}</code>
        </li>
      ))}
    </ul>
  );
}
