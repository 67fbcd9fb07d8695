import { useTranslation } from "react-i18next";
import type { SignupErrors, SignupField } from "./signup-checks";
import { INTERESTS, useSignupForm, type SignupTarget } from "./use-signup-form";
import { WithdrawLink } from "./WithdrawLink";

/** A field's message, when its check failed, under the id its input is described by. */
function FieldError({
  id,
  field,
  errors,
}: {
  id: string;
  field: SignupField;
  errors: SignupErrors;
}) {
  const { t } = useTranslation("take");
  const problem = errors[field];
  return problem ? (
    <p id={id} className="signup__error">
      {t(`signup.${problem}`)}
    </p>
  ) : null;
}

/** The props that tie an input to its message (aria-invalid, aria-describedby). */
function marked(errors: SignupErrors, field: SignupField, errorId: string) {
  return errors[field] ? { "aria-invalid": true as const, "aria-describedby": errorId } : {};
}

/**
 * The optional "would you like to take part?" step after the survey (its state
 * and sending: use-signup-form.ts), and once sent the withdrawal link with where
 * else it went.
 */
export function SignupForm(target: SignupTarget) {
  const { t } = useTranslation("take");
  const form = useSignupForm(target);
  const { id, state, errors, errorId } = form;

  if (state.kind === "done") {
    return (
      <section className="signup" aria-labelledby={`${id}-title`} data-testid="signup-done">
        <h3 id={`${id}-title`}>{t("signup.thanks")}</h3>
        <WithdrawLink url={state.withdrawUrl} shared={target.channel === "kiosk"} />
        <p data-testid="signup-sent">{state.sent}</p>
      </section>
    );
  }

  return (
    <form
      ref={form.formRef}
      className="signup"
      noValidate
      onSubmit={form.submit}
      aria-labelledby={`${id}-title`}
      data-testid="signup-form"
    >
      <h3 id={`${id}-title`}>{t("signup.title")}</h3>
      <p>{t("signup.intro")}</p>
      <fieldset aria-describedby={errors.interests ? errorId("interests") : undefined}>
        <legend>{t("signup.interests")}</legend>
        {INTERESTS.map((interest) => (
          <label key={interest} className="signup__choice">
            <input
              type="checkbox"
              name="interest"
              value={interest}
              checked={form.interests.includes(interest)}
              onChange={() => form.toggleInterest(interest)}
            />
            {t(`signup.interest.${interest}`)}
          </label>
        ))}
        <FieldError id={errorId("interests")} field="interests" errors={errors} />
      </fieldset>
      <fieldset>
        <legend>{t("signup.contactKind")}</legend>
        {(["phone", "email"] as const).map((k) => (
          <label key={k} className="signup__choice">
            <input
              type="radio"
              name="contactKind"
              value={k}
              checked={form.kind === k}
              onChange={() => form.chooseKind(k)}
            />
            {t(`signup.${k}`)}
          </label>
        ))}
      </fieldset>
      <label className="signup__field">
        {t("signup.contactValue")}
        <input
          type={form.kind === "phone" ? "tel" : "email"}
          inputMode={form.kind === "phone" ? "tel" : "email"}
          autoComplete={form.kind === "phone" ? "tel" : "email"}
          dir="ltr"
          required
          value={form.value}
          onChange={(e) => form.changeValue(e.target.value)}
          name="contactValue"
          {...marked(errors, "contactValue", errorId("contactValue"))}
        />
        <FieldError id={errorId("contactValue")} field="contactValue" errors={errors} />
      </label>
      <label className="signup__field">
        {t("signup.name")}
        <input
          type="text"
          autoComplete="name"
          value={form.name}
          onChange={(e) => form.setName(e.target.value)}
          name="name"
          maxLength={80}
        />
      </label>
      <div className="signup__consent">
        <label className="signup__choice">
          <input
            type="checkbox"
            required
            checked={form.consent}
            onChange={(e) => form.changeConsent(e.target.checked)}
            name="consent"
            {...marked(errors, "consent", errorId("consent"))}
          />
          {t("signup.consent")}
        </label>
        <FieldError id={errorId("consent")} field="consent" errors={errors} />
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
