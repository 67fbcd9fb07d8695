import { useId, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import ar from "../../../../locales/ar/ws-authority.json";
import en from "../../../../locales/en/ws-authority.json";
import he from "../../../../locales/he/ws-authority.json";
import { errorMessage } from "../../../shared/api";
import { CONTACT_FIELDS, type ContactField } from "./contact-checks";
import { ContactFieldInput } from "./ContactFieldInput";
import { useAccessibilityContact } from "./use-accessibility-contact";
import "./authority.css";

const NS = "ws-authority";
const STRINGS = { he, ar, en } as const;
const LANGS = ["he", "ar", "en"] as const;

/**
 * The authority's accessibility contact (IS 5568), set by its staff: a role or
 * office in Hebrew, Arabic and English, and an email and/or phone. Each field says
 * what is wrong with it (no browser pop-ups), the first wrong one takes the focus,
 * and the outcome is announced. Its strings are its own namespace, added here.
 */
export function AccessibilityContactForm({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation(NS);
  for (const l of LANGS)
    if (!i18n.hasResourceBundle(l, NS)) i18n.addResourceBundle(l, NS, STRINGS[l]);
  const id = useId();
  const { form, setForm, stored, loadError, errors, status, save, clear } =
    useAccessibilityContact(slug);

  const fieldId = (f: ContactField) => `${id}-${f.replace(".", "-")}`;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = save();
    const first = CONTACT_FIELDS.find((f) => found[f]);
    if (first) document.getElementById(fieldId(first))?.focus();
  };

  if (loadError)
    return (
      <p role="alert" className="notice notice--error">
        {errorMessage(loadError, t)}
      </p>
    );
  if (!form) return <p role="status">{t("common:loading")}</p>;
  const field = (f: ContactField) => ({ id: fieldId(f), error: errors[f] });

  return (
    <section className="ws-form ws-a11y-contact" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("contact.title")}</h2>
      <p className="ws-hint">{t("contact.intro")}</p>
      {!stored ? <p className="ws-hint">{t("contact.none")}</p> : null}
      <form noValidate onSubmit={onSubmit} data-testid="a11y-contact-form">
        {Object.keys(errors).length > 0 ? (
          <p role="alert" className="notice notice--error">
            {t("contact.errors.summary")}
          </p>
        ) : null}
        <fieldset className="ws-loc">
          <legend>{t("contact.role")}</legend>
          {LANGS.map((l) => (
            <div className="ws-loc__field" key={l}>
              <label htmlFor={fieldId(`role.${l}`)}>{t(`contact.roleIn.${l}`)}</label>
              <ContactFieldInput
                {...field(`role.${l}`)}
                value={form.role[l]}
                onValue={(v) => setForm({ ...form, role: { ...form.role, [l]: v } })}
                lang={l}
                dir={l === "en" ? "ltr" : "rtl"}
                autoComplete="organization-title"
              />
            </div>
          ))}
        </fieldset>
        <div className="ws-a11y-contact__reach">
          <div className="ws-loc__field">
            <label htmlFor={fieldId("email")}>{t("contact.email")}</label>
            <ContactFieldInput
              {...field("email")}
              value={form.email}
              onValue={(v) => setForm({ ...form, email: v })}
              type="email"
              dir="ltr"
              autoComplete="email"
              inputMode="email"
            />
          </div>
          <div className="ws-loc__field">
            <label htmlFor={fieldId("phone")}>{t("contact.phone")}</label>
            <ContactFieldInput
              {...field("phone")}
              value={form.phone}
              onValue={(v) => setForm({ ...form, phone: v })}
              type="tel"
              dir="ltr"
              autoComplete="tel"
              aria-describedby={errors.phone ? `${fieldId("phone")}-error` : `${id}-phone-hint`}
            />
            <p id={`${id}-phone-hint`} className="ws-hint">
              {t("contact.phoneHint")}
            </p>
          </div>
        </div>
        <div className="ws-a11y-contact__actions">
          <button type="submit" className="button" disabled={status.kind === "saving"}>
            {t("contact.save")}
          </button>
          {stored ? (
            <button
              type="button"
              className="button ws-a11y-contact__clear"
              disabled={status.kind === "saving"}
              onClick={clear}
            >
              {t("contact.clear")}
            </button>
          ) : null}
        </div>
        <div role="status" aria-live="polite">
          {status.kind === "saving" ? <p>{t("contact.saving")}</p> : null}
          {status.kind === "saved" ? (
            <p data-testid="a11y-contact-saved">{t("contact.saved")}</p>
          ) : null}
          {status.kind === "cleared" ? <p>{t("contact.cleared")}</p> : null}
        </div>
        {status.kind === "failed" ? (
          <p role="alert" className="notice notice--error">
            {errorMessage(status.error, t)}
          </p>
        ) : null}
      </form>
    </section>
  );
}
