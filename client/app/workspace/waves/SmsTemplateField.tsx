import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../../../shared/locale";
import { draftSms, sampleLink } from "../../../../server/shared/sms/sms-draft";
import type { SmsKind } from "./settings";

interface Props {
  kind: SmsKind;
  /** The language of the text (not of the page). */
  lang: Locale;
  value: string;
  onChange: (text: string) => void;
  /** What {{authority}} and {{wave}} become, in this language (the longest, when several). */
  authority: string;
  wave: string;
  /** Id of the placeholders' explanation. */
  describedBy: string;
  issues: string[];
  disabled?: boolean;
}

/** Where residents' links point; the page's own address stands in for the configured one. */
const origin = () =>
  typeof window === "undefined" ? "https://example.org" : window.location.origin;

/**
 * One SMS text in one language, with its parts counted live as a resident would
 * receive it (link, authority and wave filled in), by the sender's own rules.
 */
export function SmsTemplateField(props: Props) {
  const { kind, lang, value, onChange, authority, wave, describedBy, issues, disabled } = props;
  const { t } = useTranslation("ws-waves");
  const id = useId();
  const draft = draftSms(kind, lang, value, {
    link: sampleLink(origin()),
    authority,
    wave,
    transparency: `${origin()}/p/x`,
  });
  const long = draft.segments > 2;
  return (
    <div className="wv-sms" data-testid={`sms-${kind}-${lang}`}>
      <label htmlFor={id}>{t(`lang.${lang}`)}</label>
      <textarea
        id={id}
        lang={lang}
        dir={lang === "en" ? "ltr" : "rtl"}
        rows={3}
        maxLength={600}
        value={value}
        disabled={disabled}
        placeholder={
          draftSms(kind, lang, "", {
            link: "{{link}}",
            authority: "{{authority}}",
            wave: "{{wave}}",
          }).text
        }
        aria-describedby={`${id}-count ${describedBy}`}
        aria-invalid={issues.length > 0 || draft.problems.length > 0 ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <p
        id={`${id}-count`}
        className="wv-counter"
        aria-live="polite"
        aria-atomic="true"
        data-testid={`sms-counter-${kind}-${lang}`}
        data-segments={draft.segments}
        data-encoding={draft.encoding}
      >
        <span>{t(`sms.encoding.${draft.encoding}`)}</span>
        <span>{t("sms.characters", { count: draft.units })}</span>
        <strong className={long ? "ws-warn" : undefined}>
          {t("sms.parts", { count: draft.segments })}
        </strong>
        <span>{t("sms.remaining", { count: draft.remaining })}</span>
      </p>
      {value.trim() === "" ? <p className="ws-hint">{t("sms.usesDefault")}</p> : null}
      {long ? <p className="ws-warn">{t("sms.tooLong")}</p> : null}
      {draft.problems.map((p) => (
        <p key={p} className="ws-problem" role="alert">
          {t(`sms.problem.${p}`, { link: "{{link}}" })}
        </p>
      ))}
      {issues.map((code) => (
        <p key={code} className="ws-problem">
          {t(`fieldError.${code}`, { defaultValue: t("fieldError.invalid") })}
        </p>
      ))}
      <details className="wv-rendered">
        <summary>{t("sms.asReceived")}</summary>
        <p
          lang={lang}
          dir={lang === "en" ? "ltr" : "rtl"}
          data-testid={`sms-rendered-${kind}-${lang}`}
        >
          {draft.text}
        </p>
      </details>
    </div>
  );
}
