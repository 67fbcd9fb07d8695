import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import ar from "../../../../locales/ar/ws-authority.json";
import en from "../../../../locales/en/ws-authority.json";
import he from "../../../../locales/he/ws-authority.json";
import { errorMessage, getJson, putJson } from "../../../shared/api";
import {
  checkContact,
  CONTACT_FIELDS,
  contactBody,
  type ContactErrors,
  type ContactField,
  type ContactForm,
} from "./contact-checks";
import "./authority.css";

const NS = "ws-authority";
const STRINGS = { he, ar, en } as const;
const LANGS = ["he", "ar", "en"] as const;

const EMPTY: ContactForm = { role: { he: "", ar: "", en: "" }, email: "", phone: "" };

type Status =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved" }
  | { kind: "cleared" }
  | { kind: "failed"; error: unknown };

interface Stored {
  contact: { role: ContactForm["role"]; email?: string; phone?: string } | null;
}

/** The stored contact in every language (GET /api/authorities/:slug/accessibility-contact). */
async function loadContact(slug: string): Promise<ContactForm | null> {
  const { contact } = await getJson<Stored>(`/api/authorities/${slug}/accessibility-contact`);
  return contact
    ? { role: contact.role, email: contact.email ?? "", phone: contact.phone ?? "" }
    : null;
}

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
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<ContactForm | null>(null);
  const [stored, setStored] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [errors, setErrors] = useState<ContactErrors>({});
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  useEffect(() => {
    let live = true;
    loadContact(slug).then(
      (contact) => {
        if (!live) return;
        setForm(contact ?? EMPTY);
        setStored(contact !== null);
      },
      (error: unknown) => live && setLoadError(error),
    );
    return () => {
      live = false;
    };
  }, [slug]);

  const fieldId = (f: ContactField) => `${id}-${f.replace(".", "-")}`;
  const focusFirst = (errs: ContactErrors) => {
    const first = CONTACT_FIELDS.find((f) => errs[f]);
    if (first)
      formRef.current?.querySelector<HTMLElement>(`#${CSS.escape(fieldId(first))}`)?.focus();
  };

  const send = async (body: unknown, done: "saved" | "cleared") => {
    setStatus({ kind: "saving" });
    try {
      await putJson(`/api/authorities/${slug}/accessibility-contact`, body);
      setStatus({ kind: done });
      setStored(done === "saved");
      if (done === "cleared") setForm(EMPTY);
    } catch (error) {
      setStatus({ kind: "failed", error });
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!form) return;
    const found = checkContact(form);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setStatus({ kind: "idle" });
      focusFirst(found);
      return;
    }
    void send(contactBody(form), "saved");
  };

  if (loadError)
    return (
      <p role="alert" className="notice notice--error">
        {errorMessage(loadError, t)}
      </p>
    );
  if (!form) return <p role="status">{t("common:loading")}</p>;

  const input = (f: ContactField, value: string, set: (v: string) => void, extra = {}) => (
    <>
      <input
        id={fieldId(f)}
        value={value}
        onChange={(e) => set(e.target.value)}
        aria-invalid={errors[f] ? true : undefined}
        aria-describedby={errors[f] ? `${fieldId(f)}-error` : undefined}
        {...extra}
      />
      {errors[f] ? (
        <p id={`${fieldId(f)}-error`} className="ws-field-error">
          {t(`contact.errors.${errors[f]}`)}
        </p>
      ) : null}
    </>
  );
  const count = Object.keys(errors).length;

  return (
    <section className="ws-form ws-a11y-contact" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("contact.title")}</h2>
      <p className="ws-hint">{t("contact.intro")}</p>
      {!stored ? <p className="ws-hint">{t("contact.none")}</p> : null}
      <form ref={formRef} noValidate onSubmit={onSubmit} data-testid="a11y-contact-form">
        {count > 0 ? (
          <p role="alert" className="notice notice--error">
            {t("contact.errors.summary")}
          </p>
        ) : null}
        <fieldset className="ws-loc">
          <legend>{t("contact.role")}</legend>
          {LANGS.map((l) => (
            <div className="ws-loc__field" key={l}>
              <label htmlFor={fieldId(`role.${l}`)}>{t(`contact.roleIn.${l}`)}</label>
              {input(
                `role.${l}`,
                form.role[l],
                (v) => setForm({ ...form, role: { ...form.role, [l]: v } }),
                { lang: l, dir: l === "en" ? "ltr" : "rtl", autoComplete: "organization-title" },
              )}
            </div>
          ))}
        </fieldset>
        <div className="ws-a11y-contact__reach">
          <div className="ws-loc__field">
            <label htmlFor={fieldId("email")}>{t("contact.email")}</label>
            {input("email", form.email, (v) => setForm({ ...form, email: v }), {
              type: "email",
              dir: "ltr",
              autoComplete: "email",
              inputMode: "email",
            })}
          </div>
          <div className="ws-loc__field">
            <label htmlFor={fieldId("phone")}>{t("contact.phone")}</label>
            {input("phone", form.phone, (v) => setForm({ ...form, phone: v }), {
              type: "tel",
              dir: "ltr",
              autoComplete: "tel",
              "aria-describedby": errors.phone ? `${fieldId("phone")}-error` : `${id}-phone-hint`,
            })}
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
              onClick={() => void send({ contact: null }, "cleared")}
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
