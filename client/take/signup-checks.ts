/**
 * The sign-up form's own checks, run before anything is sent, so each problem
 * is told beside its field in the resident's language (the form is noValidate:
 * the browser's pop-up is in the browser's language and gone in a second).
 * The phone pattern is the server's (server/participation/schema.ts).
 */
const PHONE = /^\+?[0-9 ()-]{7,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A field of the form that can be wrong. */
export type SignupField = "interests" | "contactValue" | "consent";

/** Message key (under take:signup.) for each field that is wrong. */
export type SignupErrors = Partial<Record<SignupField, string>>;

interface SignupValues {
  interests: readonly string[];
  kind: "phone" | "email";
  value: string;
  consent: boolean;
}

/** What is wrong with the form as filled in; empty when it may be sent. */
export function checkSignup({ interests, kind, value, consent }: SignupValues): SignupErrors {
  const errors: SignupErrors = {};
  if (interests.length === 0) errors.interests = "needInterest";
  const trimmed = value.trim();
  if (!trimmed) errors.contactValue = "contactRequired";
  else if (kind === "phone" && !PHONE.test(trimmed)) errors.contactValue = "phoneInvalid";
  else if (kind === "email" && !EMAIL.test(trimmed)) errors.contactValue = "emailInvalid";
  if (!consent) errors.consent = "consentRequired";
  return errors;
}

/** The fields in the order they appear, to focus the first one that is wrong. */
export const FIELD_ORDER: readonly SignupField[] = ["interests", "contactValue", "consent"];
