import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, postJson } from "../../../shared/api";
import { LocalizedFields } from "../LocalizedFields";
import { hrefOf } from "../routes";
import type { DraftText, DraftView } from "../types";
import { useAppLocale } from "../../locale-context";

interface Props {
  bankInstruments: Array<{ key: string; title: string }>;
  /** Published instruments without a draft: their next version can start here. */
  published: string[];
}

/** Starts a draft (empty, from a bank instrument, or from a published version) and opens it. */
export function NewDraftForm({ bankInstruments, published }: Props) {
  const { t } = useTranslation("workspace");
  const { locale } = useAppLocale();
  const ids = useId();
  const [key, setKey] = useState("");
  const [title, setTitle] = useState<DraftText>({ he: "", ar: "", en: "" });
  const [from, setFrom] = useState("empty");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const [kind, source] = from.split(":");
    const draftKey = kind === "published" ? source! : key;
    try {
      await postJson<DraftView>("/api/bank/drafts", {
        key: draftKey,
        title,
        from: kind === "empty" ? { kind } : { kind, key: source },
      });
      window.location.assign(hrefOf(`/workspace/instruments/${draftKey}`, locale));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const nextVersion = from.startsWith("published:");
  return (
    <form className="ws-form" onSubmit={submit} aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>{t("instruments.new")}</h3>
      <label htmlFor={`${ids}-from`}>{t("instruments.from")}</label>
      <select id={`${ids}-from`} value={from} onChange={(e) => setFrom(e.target.value)}>
        <option value="empty">{t("instruments.fromEmpty")}</option>
        {bankInstruments.map((b) => (
          <option key={b.key} value={`bank:${b.key}`}>
            {t("instruments.fromBank", { title: b.title })}
          </option>
        ))}
        {published.map((k) => (
          <option key={k} value={`published:${k}`}>
            {t("instruments.fromPublished", { key: k })}
          </option>
        ))}
      </select>
      {nextVersion ? null : (
        <>
          <label htmlFor={`${ids}-key`}>{t("instruments.key")}</label>
          <input
            id={`${ids}-key`}
            name="key"
            dir="ltr"
            required
            pattern="[a-z][a-z0-9_]{1,59}"
            aria-describedby={`${ids}-key-hint`}
            value={key}
            onChange={(e) => setKey(e.target.value.trim())}
          />
          <p id={`${ids}-key-hint`} className="ws-hint">
            {t("instruments.keyHint")}
          </p>
        </>
      )}
      <LocalizedFields label={t("instruments.title")} value={title} onChange={setTitle} />
      {error ? (
        <div role="alert" className="notice notice--error">
          <p>{errorMessage(error, t)}</p>
        </div>
      ) : null}
      <button type="submit" className="button" disabled={busy}>
        {busy ? t("instruments.creating") : t("instruments.create")}
      </button>
    </form>
  );
}
