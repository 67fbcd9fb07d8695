import { useTranslation } from "react-i18next";
import { LocalizedFields } from "../LocalizedFields";
import type { DraftContent } from "../types";

const KEYS = ["title", "intro", "consent", "consentRequired", "thanks"] as const;

/** The instrument's name and the texts around the questions: intro, consent, thank-you. */
export function TextsEditor({
  content,
  onEdit,
}: {
  content: DraftContent;
  onEdit: (next: DraftContent, label: string) => void;
}) {
  const { t } = useTranslation("workspace");
  return (
    <div className="ws-texts">
      <p>{t("designer.textsIntro")}</p>
      <LocalizedFields
        label={t("paths.title")}
        value={content.title}
        onChange={(title) => onEdit({ ...content, title }, t("designer.undo.text"))}
      />
      {KEYS.map((k) => (
        <LocalizedFields
          key={k}
          label={t(`paths.texts.${k}`)}
          value={content.texts[k]}
          multiline={k !== "title"}
          russian
          onChange={(v) =>
            onEdit({ ...content, texts: { ...content.texts, [k]: v } }, t("designer.undo.text"))
          }
        />
      ))}
    </div>
  );
}
