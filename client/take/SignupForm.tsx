import { useId, useRef, useState, type FormEvent } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ApiError, errorMessage, postJson } from "../shared/api";
import type { RespondentLocale } from "../shared/locale";
import { checkSignup, FIELD_ORDER, type SignupErrors, type SignupField } from "./signup-checks";
import { WithdrawLink } from "./WithdrawLink";

const INTERESTS = ["social", "education", "economy", "public-space", "volunteering"] as const;
type Interest = (typeof INTERESTS)[number];

interface Props {
  waveId: string;
  locale: RespondentLocale;
  channel: "open-link" | "sms" | "kiosk";
}

type State =
  | { kind: "editing"; error?: string }
  | { kind: "sending" }
  | { kind: "done"; withdrawUrl: string; sent: string };

/**
 * Where else the withdrawal link went: by SMS to the number given, or nowhere (no
 * email channel, or the SMS could not go), so the page is the only copy.
 */
function sentNote(
  t: TFunction<"take">,
  kind: "phone" | "email",
  confirmation: "sms" | "none",
  value: string,
): string {
  if (kind === "email") return t("signup.noEmail");
  // An isolate keeps the number's digits and dashes in order inside a right-to-left sentence,
  // and non-breaking dashes and spaces keep it on one line ("052-" alone at a line's end
  // reads as "-052" there), as the examples in the locales are written.
  const whole = value.replace(/-/g, "\u2011").replace(/ /g, "\u00A0");
  if (confirmation === "sms") return t("signup.sentBySms", { phone: `\u2066${whole}\u2069` });
  return t("signup.notSentBySms");
}

/**
 * The optional "would you like to take part?" step after the survey. It is sent
 * on its own, after the answers were stored and without any reference to them,
 * so a sign-up can never be joined to a response.
 */
export function SignupForm({ waveId, locale, channel }: Props) {
  const { t } = useTranslation("take");
  const id = useId();
  const [interests, setInterests] = useState<Interest[]>([]);
  const [kind, setKind] = useState<"phone" | "email">("phone");
  const [value, setValue] = useState("");
  const [name, setName] = useState("");
  const [consent, setConsent] = useState(false);
  const [state, setState] = useState<State>({ kind: "editing" });
  const [errors, setErrors] = useState<SignupErrors>({});
  const formRef = useRef<HTMLFormElement>(null);

  /** Shows the problems beside their fields and moves the focus to the first. */
  function showErrors(found: SignupErrors) {
    setErrors(found);
    const first = FIELD_ORDER.find((f) => found[f]);
    const names: Record<SignupField, string> = {
      interests: "interest",
      contactValue: "contactValue",
      consent: "consent",
    };
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${names[first]}"]`)?.focus();
  }

  /** The props that tie a field to its message (aria-invalid, aria-describedby). */
  const marked = (field: SignupField) =>
    errors[field]
      ? { "aria-invalid": true as const, "aria-describedby": `${id}-${field}-error` }
      : {};
  const message = (field: SignupField) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} className="signup__error">
        {t(`signup.${errors[field]}`)}
      </p>
    ) : null;
  /** A field's own message goes once its value is changed. */
  const clear = (field: SignupField) =>
    setErrors((e) => {
      if (!e[field]) return e;
      const { [field]: _gone, ...rest } = e;
      return rest;
    });

  const toggle = (interest: Interest) =>
    setInterests((list) =>
      list.includes(interest) ? list.filter((i) => i !== interest) : [...list, interest],
    );

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
        sent: sentNote(t, kind, res.confirmation, value.trim()),
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

  if (state.kind === "done") {
    return (
      <section className="signup" aria-labelledby={`${id}-title`} data-testid="signup-done">
        <h3 id={`${id}-title`}>{t("signup.thanks")}</h3>
        <WithdrawLink url={state.withdrawUrl} />
        <p data-testid="signup-sent">{state.sent}</p>
      </section>
    );
  }

  return (
    <form
      ref={formRef}
      className="signup"
      noValidate
      onSubmit={submit}
      aria-labelledby={`${id}-title`}
      data-testid="signup-form"
    >
      <h3 id={`${id}-title`}>{t("signup.title")}</h3>
      <p>{t("signup.intro")}</p>
      <fieldset aria-describedby={marked("interests")["aria-describedby"]}>
        <legend>{t("signup.interests")}</legend>
        {INTERESTS.map((interest) => (
          <label key={interest} className="signup__choice">
            <input
              type="checkbox"
              name="interest"
              value={interest}
              checked={interests.includes(interest)}
              onChange={() => {
                toggle(interest);
                clear("interests");
              }}
            />
            {t(`signup.interest.${interest}`)}
          </label>
        ))}
        {message("interests")}
      </fieldset>
      <fieldset>
        <legend>{t("signup.contactKind")}</legend>
        {(["phone", "email"] as const).map((k) => (
          <label key={k} className="signup__choice">
            <input
              type="radio"
              name="contactKind"
              value={k}
              checked={kind === k}
              onChange={() => {
                setKind(k);
                clear("contactValue");
              }}
            />
            {t(`signup.${k}`)}
          </label>
        ))}
      </fieldset>
      <label className="signup__field">
        {t("signup.contactValue")}
        <input
          type={kind === "phone" ? "tel" : "email"}
          inputMode={kind === "phone" ? "tel" : "email"}
          autoComplete={kind === "phone" ? "tel" : "email"}
          dir="ltr"
          required
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            clear("contactValue");
          }}
          name="contactValue"
          {...marked("contactValue")}
        />
        {message("contactValue")}
      </label>
      <label className="signup__field">
        {t("signup.name")}
        <input
          type="text"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          name="name"
          maxLength={80}
        />
      </label>
      <div className="signup__consent">
        <label className="signup__choice">
          <input
            type="checkbox"
            required
            checked={consent}
            onChange={(e) => {
              setConsent(e.target.checked);
              clear("consent");
            }}
            name="consent"
            {...marked("consent")}
          />
          {t("signup.consent")}
        </label>
        {message("consent")}
      </div>
      {state.kind === "editing" && state.error ? (
        <p role="alert" className="notice notice--error">
          {state.error}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={state.kind === "sending"}>
        {state.kind === "sending" ? t("signup.sending") : t("signup.submit")}
      </button>
    </form>
  );
}
