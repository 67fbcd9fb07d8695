import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, postJson } from "../shared/api";
import type { Locale } from "../shared/locale";

const INTERESTS = ["social", "education", "economy", "public-space", "volunteering"] as const;
type Interest = (typeof INTERESTS)[number];

interface Props {
  waveId: string;
  locale: Locale;
  channel: "open-link" | "sms" | "kiosk";
}

type State =
  { kind: "editing"; error?: string } | { kind: "sending" } | { kind: "done"; withdrawUrl: string };

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

  const toggle = (interest: Interest) =>
    setInterests((list) =>
      list.includes(interest) ? list.filter((i) => i !== interest) : [...list, interest],
    );

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (interests.length === 0)
      return setState({ kind: "editing", error: t("signup.needInterest") });
    setState({ kind: "sending" });
    try {
      const res = await postJson<{ withdrawPath: string }>(
        `/api/waves/${waveId}/signups?channel=${channel}&lang=${locale}`,
        {
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
      });
    } catch (err) {
      setState({ kind: "editing", error: errorMessage(err, t) || t("signup.error") });
    }
  }

  if (state.kind === "done") {
    return (
      <section className="signup" aria-labelledby={`${id}-title`} data-testid="signup-done">
        <h3 id={`${id}-title`}>{t("signup.thanks")}</h3>
        <p>
          {t("signup.withdrawLink")}{" "}
          <a href={state.withdrawUrl} dir="ltr">
            {state.withdrawUrl}
          </a>
        </p>
      </section>
    );
  }

  return (
    <form
      className="signup"
      onSubmit={submit}
      aria-labelledby={`${id}-title`}
      data-testid="signup-form"
    >
      <h3 id={`${id}-title`}>{t("signup.title")}</h3>
      <p>{t("signup.intro")}</p>
      <fieldset>
        <legend>{t("signup.interests")}</legend>
        {INTERESTS.map((interest) => (
          <label key={interest} className="signup__choice">
            <input
              type="checkbox"
              name="interest"
              value={interest}
              checked={interests.includes(interest)}
              onChange={() => toggle(interest)}
            />
            {t(`signup.interest.${interest}`)}
          </label>
        ))}
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
              onChange={() => setKind(k)}
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
          onChange={(e) => setValue(e.target.value)}
          name="contactValue"
        />
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
      <label className="signup__choice signup__consent">
        <input
          type="checkbox"
          required
          checked={consent}
          onChange={(e) => setConsent(e.target.checked)}
          name="consent"
        />
        {t("signup.consent")}
      </label>
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
