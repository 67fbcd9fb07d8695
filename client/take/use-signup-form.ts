import { useId, useRef, useState, type FormEvent } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ApiError, errorMessage, postJson } from "../shared/api";
import type { RespondentLocale } from "../shared/locale";
import { checkSignup, FIELD_ORDER, type SignupErrors, type SignupField } from "./signup-checks";

export const INTERESTS = [
  "social",
  "education",
  "economy",
  "public-space",
  "volunteering",
] as const;
export type Interest = (typeof INTERESTS)[number];

/** The wave a sign-up is for, the page's language and the channel the resident came by. */
export interface SignupTarget {
  waveId: string;
  locale: RespondentLocale;
  channel: "open-link" | "sms" | "kiosk";
}

export type SignupState =
  | { kind: "editing"; error?: string }
  | { kind: "sending" }
  | { kind: "done"; withdrawUrl: string; sent: string };

/** The field names each check's message belongs to, as the form's inputs are named. */
const INPUT_OF: Record<SignupField, string> = {
  interests: "interest",
  contactValue: "contactValue",
  consent: "consent",
};

/**
 * Where else the withdrawal link went: by SMS to the number given, or nowhere (no
 * email channel, or the SMS could not go), so the page is the only copy. At a
 * kiosk, a shared tablet, that copy is photographed or written down, not copied
 * (the i18next context "kiosk": signup.noEmail_kiosk, signup.notSentBySms_kiosk).
 */
function sentNote(
  t: TFunction<"take">,
  kind: "phone" | "email",
  confirmation: "sms" | "none",
  value: string,
  channel: SignupTarget["channel"],
): string {
  const context = channel === "kiosk" ? "kiosk" : undefined;
  if (kind === "email") return t("signup.noEmail", { context });
  // An isolate keeps the number's digits and dashes in order inside a right-to-left sentence,
  // and non-breaking dashes and spaces keep it on one line ("052-" alone at a line's end
  // reads as "-052" there), as the examples in the locales are written.
  const whole = value.replace(/-/g, "\u2011").replace(/ /g, "\u00A0");
  if (confirmation === "sms") return t("signup.sentBySms", { phone: `\u2066${whole}\u2069` });
  return t("signup.notSentBySms", { context });
}

/**
 * The sign-up form's fields, its checks (each message beside its field, the
 * focus on the first) and its sending. Sent on its own, after the answers were
 * stored and without any reference to them, so a sign-up can never be joined
 * to a response.
 */
export function useSignupForm({ waveId, locale, channel }: SignupTarget) {
  const { t } = useTranslation("take");
  const id = useId();
  const [interests, setInterests] = useState<Interest[]>([]);
  const [kind, setKind] = useState<"phone" | "email">("phone");
  const [value, setValue] = useState("");
  const [name, setName] = useState("");
  const [consent, setConsent] = useState(false);
  const [state, setState] = useState<SignupState>({ kind: "editing" });
  const [errors, setErrors] = useState<SignupErrors>({});
  const formRef = useRef<HTMLFormElement>(null);

  function showErrors(found: SignupErrors) {
    setErrors(found);
    const first = FIELD_ORDER.find((f) => found[f]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${INPUT_OF[first]}"]`)?.focus();
  }

  /** A field's own message goes once its value is changed. */
  const clear = (field: SignupField) =>
    setErrors((e) => {
      if (!e[field]) return e;
      const { [field]: _gone, ...rest } = e;
      return rest;
    });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = checkSignup({ interests, kind, value, consent });
    if (Object.keys(found).length > 0) {
      setState({ kind: "editing" });
      return showErrors(found);
    }
    setState({ kind: "sending" });
    try {
      const res = await postJson<{ withdrawPath: string; confirmation: "sms" | "none" }>(
        `/api/waves/${waveId}/signups?channel=${channel}&lang=${locale}`,
        {
          // Sign-ups keep a workspace language (he/ar/en): staff write back in it.
          locale,
          interests,
          contact: { kind, value: value.trim() },
          ...(name.trim() ? { name: name.trim() } : {}),
          consent: true,
        },
      );
      setState({
        kind: "done",
        withdrawUrl: `${window.location.origin}${res.withdrawPath}?lang=${locale}`,
        sent: sentNote(t, kind, res.confirmation, value.trim(), channel),
      });
    } catch (err) {
      // The checks above match the server's; a refusal of the contact is still told at its field.
      if (err instanceof ApiError && err.code === "VALIDATION_FAILED") {
        setState({ kind: "editing" });
        return showErrors({ contactValue: kind === "phone" ? "phoneInvalid" : "emailInvalid" });
      }
      setState({ kind: "editing", error: errorMessage(err, t) || t("signup.error") });
    }
  }

  return {
    id,
    formRef,
    state,
    errors,
    submit,
    /** The id of a field's message, which its input is described by. */
    errorId: (field: SignupField) => `${id}-${field}-error`,
    interests,
    toggleInterest: (interest: Interest) => {
      setInterests((list) =>
        list.includes(interest) ? list.filter((i) => i !== interest) : [...list, interest],
      );
      clear("interests");
    },
    kind,
    chooseKind: (k: "phone" | "email") => {
      setKind(k);
      clear("contactValue");
    },
    value,
    changeValue: (v: string) => {
      setValue(v);
      clear("contactValue");
    },
    name,
    setName,
    consent,
    changeConsent: (checked: boolean) => {
      setConsent(checked);
      clear("consent");
    },
  };
}
