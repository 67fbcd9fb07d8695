import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../shared/api";
import type { RespondentLocale } from "../../../shared/locale";
import { LocalizedFields } from "../LocalizedFields";
import type { DraftContent, DraftView } from "../types";
import { pathLabel, textAt, withText } from "./text-paths";
import { useAppLocale } from "../../locale-context";

interface Props {
  content: DraftContent;
  issues: DraftView["translations"];
  /** True when the issues describe what is on screen (saved, nothing edited since). */
  current: boolean;
  onEdit: (next: DraftContent, label: string) => void;
  onConfirm: (path: string, locale: RespondentLocale) => Promise<void>;
}

/**
 * Every missing or stale translation, each with the text in all three languages
 * to fix it in place; a stale one can also be confirmed as still right.
 */
export function TranslationsPanel({ content, issues, current, onEdit, onConfirm }: Props) {
  const { t } = useTranslation("workspace");
  const { locale } = useAppLocale();
  const [error, setError] = useState<unknown>(null);
  const paths = [...new Set(issues.map((i) => i.path))];
  return (
    <div className="ws-translations">
      <p>{t("translations.intro")}</p>
      {current ? null : <p className="notice">{t("translations.unsaved")}</p>}
      <p role="status" data-testid="translation-count">
        {paths.length === 0
          ? t("translations.allDone")
          : t("translations.count", { count: issues.length })}
      </p>
      {error ? (
        <p role="alert" className="notice notice--error">
          {errorMessage(error, t)}
        </p>
      ) : null}
      {paths.map((path) => {
        const text = textAt(content, path);
        if (!text) return null;
        const mine = issues.filter((i) => i.path === path);
        return (
          <div key={path} className="ws-translation" data-testid={`translation-${path}`}>
            <ul className="ws-issue-list">
              {mine.map((i) => (
                <li key={i.locale}>
                  <span className={i.status === "missing" ? "ws-warn" : "ws-stale"}>
                    {t(`lang.${i.locale}`)}: {t(`translations.${i.status}`)}
                  </span>
                  {i.status === "stale" && current ? (
                    <button
                      type="button"
                      className="ws-link-button"
                      onClick={() => onConfirm(path, i.locale).catch(setError)}
                    >
                      {t("translations.confirm", { lang: t(`lang.${i.locale}`) })}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
            <LocalizedFields
              label={pathLabel(path, content, locale, t)}
              value={text}
              multiline={path.startsWith("texts.") || path.endsWith(".text")}
              flagged={new Set(mine.map((i) => i.locale))}
              russian={path !== "title"}
              onChange={(v) => onEdit(withText(content, path, v), t("designer.undo.text"))}
            />
          </div>
        );
      })}
    </div>
  );
}
