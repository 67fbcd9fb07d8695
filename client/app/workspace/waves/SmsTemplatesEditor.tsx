import { useId } from "react";
import { useTranslation } from "react-i18next";
import { LOCALES, type Locale } from "../../../shared/locale";
import { SMS_PLACEHOLDERS } from "../../../../server/shared/sms/sms-draft";
import { issuesAt, type FieldIssue } from "./api";
import { SMS_KINDS, type SmsKind, type Texts } from "./settings";
import { SmsTemplateField } from "./SmsTemplateField";

interface Props {
  templates: Record<SmsKind, Texts>;
  onChange: (next: Record<SmsKind, Texts>) => void;
  /** {{authority}} per language: the longest name of the authorities the texts go to. */
  authority: Texts;
  wave: Texts;
  issues: readonly FieldIssue[];
  disabled?: boolean;
}

/** The invitation and reminder texts in he/ar/en, what each placeholder means, and live counters. */
export function SmsTemplatesEditor({
  templates,
  onChange,
  authority,
  wave,
  issues,
  disabled,
}: Props) {
  const { t } = useTranslation("ws-waves");
  const id = useId();
  const set = (kind: SmsKind, lang: Locale, text: string) =>
    onChange({ ...templates, [kind]: { ...templates[kind], [lang]: text } });
  return (
    <div className="wv-templates">
      <div id={`${id}-ph`} className="wv-placeholders">
        <p>{t("sms.placeholdersIntro")}</p>
        <dl>
          {SMS_PLACEHOLDERS.map((p) => (
            <div key={p}>
              <dt>
                <code dir="ltr">{`{{${p}}}`}</code>
              </dt>
              <dd>{t(`sms.placeholder.${p}`)}</dd>
            </div>
          ))}
        </dl>
        <p className="ws-hint">{t("sms.countHint")}</p>
      </div>
      {SMS_KINDS.map((kind) => (
        <fieldset key={kind} className="wv-fieldset">
          <legend>{t(`sms.kind.${kind}`)}</legend>
          <div className="wv-sms-grid">
            {LOCALES.map((lang) => (
              <SmsTemplateField
                key={lang}
                kind={kind}
                lang={lang}
                value={templates[kind][lang]}
                onChange={(text) => set(kind, lang, text)}
                authority={authority[lang]}
                wave={wave[lang]}
                describedBy={`${id}-ph`}
                issues={issuesAt(issues, `smsTemplates.${kind}.${lang}`)}
                disabled={disabled}
              />
            ))}
          </div>
        </fieldset>
      ))}
    </div>
  );
}
