import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, postJson } from "../../shared/api";
import { useAppLocale } from "../locale-context";

/** A new "you said, we did" entry in any of the three languages, sent for a researcher's review. */
export function UpdateForm({ slug, onSaved }: { slug: string; onSaved: () => void }) {
  const { t } = useTranslation("participation");
  const { locale } = useAppLocale();
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [text, setText] = useState({ he: "", ar: "", en: "" });
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const filled = Object.fromEntries(Object.entries(text).filter(([, v]) => v.trim()));
    if (Object.keys(filled).length === 0) return setError(t("needText"));
    try {
      await postJson(`/api/authorities/${slug}/updates?lang=${locale}`, { date, text: filled });
      setText({ he: "", ar: "", en: "" });
      setError(null);
      onSaved();
    } catch (e) {
      setError(errorMessage(e, t));
    }
  }
  return (
    <form onSubmit={submit} className="update-form" aria-labelledby="p-new-update">
      <h3 id="p-new-update">{t("newUpdate")}</h3>
      <label>
        {t("date")}
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
      </label>
      {(["he", "ar", "en"] as const).map((l) => (
        <label key={l}>
          {t(`text${l === "he" ? "He" : l === "ar" ? "Ar" : "En"}`)}
          <textarea
            lang={l}
            dir={l === "en" ? "ltr" : "rtl"}
            rows={3}
            maxLength={1000}
            value={text[l]}
            onChange={(e) => setText({ ...text, [l]: e.target.value })}
            data-testid={`update-text-${l}`}
          />
        </label>
      ))}
      {error ? (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button" data-testid="submit-update">
        {t("submitUpdate")}
      </button>
    </form>
  );
}
