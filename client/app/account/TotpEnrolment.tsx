import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, postJson } from "../../shared/api";
import { useAppLocale } from "../locale-context";

interface Props {
  /** True when the account already has an authenticator: this then replaces it. */
  replacing: boolean;
  onDone: () => void;
}

/** The secret in groups of four, as authenticator apps show a setup key. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/**
 * Enrols an authenticator app: a new secret to type in (or open on a phone as
 * an otpauth link), then a first code to confirm it. Until confirmed, an
 * authenticator already set up keeps working.
 */
export function TotpEnrolment({ replacing, onDone }: Props) {
  const { t } = useTranslation("auth");
  const { locale } = useAppLocale();
  const [setup, setSetup] = useState<{ secret: string; uri: string } | null>(null);
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ids = useId();

  async function start() {
    setBusy(true);
    setError(null);
    try {
      setSetup(await postJson(`/api/auth/totp/setup?lang=${locale}`));
    } catch (err) {
      setError(err);
    }
    setBusy(false);
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await postJson(`/api/auth/totp/enable?lang=${locale}`, { code });
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const alert = error ? (
    <div role="alert" className="notice notice--error">
      <p>{errorMessage(error, t)}</p>
    </div>
  ) : null;

  if (!setup)
    return (
      <section className="auth-form" data-testid="totp-enrolment">
        <h2>{t("totpTitle")}</h2>
        <p>{replacing ? t("totpReplaceIntro") : t("totpIntro")}</p>
        {alert}
        <button type="button" className="button" disabled={busy} onClick={() => void start()}>
          {replacing ? t("totpReplace") : t("totpStart")}
        </button>
      </section>
    );
  return (
    <form className="auth-form" onSubmit={confirm} data-testid="totp-enrolment">
      <h2>{t("totpTitle")}</h2>
      <ol className="auth-form__steps">
        <li>{t("totpStepApp")}</li>
        <li>
          {t("totpStepKey")}{" "}
          <code dir="ltr" className="auth-form__secret" data-testid="totp-secret">
            {grouped(setup.secret)}
          </code>{" "}
          <a href={setup.uri}>{t("totpOpenLink")}</a>
        </li>
        <li>{t("totpStepCode")}</li>
      </ol>
      {alert}
      <label htmlFor={`${ids}-code`}>{t("totp")}</label>
      <input
        id={`${ids}-code`}
        name="totp"
        inputMode="numeric"
        pattern="[0-9]{6}"
        autoComplete="one-time-code"
        dir="ltr"
        required
        value={code}
        onChange={(e) => setCode(e.target.value.trim())}
        autoFocus
      />
      <button type="submit" className="button" disabled={busy}>
        {t("totpConfirm")}
      </button>
    </form>
  );
}
