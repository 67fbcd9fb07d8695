import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../shared/api";
import { LOCALES, type Locale } from "../../../shared/locale";
import { sendJson, type SmsDraft } from "./api";
import { SMS_KINDS, type SmsKind, type Texts } from "./settings";
import { useAppLocale } from "../../locale-context";

interface Props {
  previewUrl: string;
  /** The texts as they stand in the form (perhaps unsaved). */
  templates: Record<SmsKind, Texts>;
}

type Preview = Omit<SmsDraft, "problems">;

/** The server renders a text exactly as the sender will, with the configured address: a last check. */
export function SmsPreview({ previewUrl, templates }: Props) {
  const { t } = useTranslation("ws-waves");
  const { locale } = useAppLocale();
  const id = useId();
  const [kind, setKind] = useState<SmsKind>("invitation");
  const [lang, setLang] = useState<Locale>(locale);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function preview() {
    setBusy(true);
    setError(null);
    const text = templates[kind][lang].trim();
    try {
      setResult(
        await sendJson<Preview>("POST", previewUrl, {
          kind,
          locale: lang,
          ...(text ? { text } : {}),
        }),
      );
    } catch (err) {
      setResult(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="wv-preview" aria-labelledby={`${id}-h`} data-testid="sms-preview">
      <h3 id={`${id}-h`}>{t("preview.title")}</h3>
      <p className="ws-hint">{t("preview.intro")}</p>
      <div className="wv-row">
        <div className="wv-field">
          <label htmlFor={`${id}-kind`}>{t("preview.kind")}</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => setKind(e.target.value as SmsKind)}
          >
            {SMS_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`sms.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="wv-field">
          <label htmlFor={`${id}-lang`}>{t("preview.lang")}</label>
          <select
            id={`${id}-lang`}
            value={lang}
            onChange={(e) => setLang(e.target.value as Locale)}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`lang.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="button button--secondary"
          onClick={preview}
          disabled={busy}
          data-testid="sms-preview-run"
        >
          {busy ? t("preview.running") : t("preview.run")}
        </button>
      </div>
      <div aria-live="polite" data-testid="sms-preview-result">
        {error ? <p className="ws-problem">{errorMessage(error, t)}</p> : null}
        {result ? (
          <>
            <p className="wv-bubble" lang={lang} dir={lang === "en" ? "ltr" : "rtl"}>
              {result.text}
            </p>
            <p className="wv-counter">
              <span>{t(`sms.encoding.${result.encoding}`)}</span>
              <span>{t("sms.characters", { count: result.units })}</span>
              <strong>{t("sms.parts", { count: result.segments })}</strong>
              <span>{t("sms.remaining", { count: result.remaining })}</span>
            </p>
          </>
        ) : null}
      </div>
    </section>
  );
}
