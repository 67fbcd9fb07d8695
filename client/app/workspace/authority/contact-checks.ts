/** The accessibility contact as the workspace form holds it. */
export interface ContactForm {
  role: { he: string; ar: string; en: string };
  email: string;
  phone: string;
}

/** A field of the form, named as its input's id suffix. */
export type ContactField = "role.he" | "role.ar" | "role.en" | "email" | "phone";

/** Message keys (ws-authority:contact.errors.*) per field in error. */
export type ContactErrors = Partial<Record<ContactField, string>>;

/** The order fields are checked and focused in. */
export const CONTACT_FIELDS: readonly ContactField[] = [
  "role.he",
  "role.ar",
  "role.en",
  "email",
  "phone",
];

// The server's rules (server/web/accessibility-schema.ts), checked here first so
// each field can say what is wrong before anything is sent.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 -]{5,20}$/;

/** What is wrong with the form, field by field; empty when it may be sent. */
export function checkContact(form: ContactForm): ContactErrors {
  const errors: ContactErrors = {};
  for (const l of ["he", "ar", "en"] as const)
    if (!form.role[l].trim()) errors[`role.${l}`] = "roleMissing";
  const email = form.email.trim();
  const phone = form.phone.trim();
  if (!email && !phone) errors.email = "reachMissing";
  if (email && !EMAIL.test(email)) errors.email = "email";
  if (phone && !PHONE.test(phone)) errors.phone = "phone";
  return errors;
}

/** The PUT body for a form that passed its checks. */
export function contactBody(form: ContactForm) {
  const email = form.email.trim();
  const phone = form.phone.trim();
  return {
    contact: {
      role: { he: form.role.he.trim(), ar: form.role.ar.trim(), en: form.role.en.trim() },
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
    },
  };
}
