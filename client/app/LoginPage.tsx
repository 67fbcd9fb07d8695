import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorMessage, postJson, setCsrfToken } from "../shared/api";
import { AppShell } from "./AppShell";
import { useAppLocale } from "./locale-context";
import { nextPath, type SessionInfo } from "./session";

/** `/login`: email and password, and a TOTP code when the account asks for one. */
export function LoginPage() {
  const { locale } = useAppLocale();
  const { t } = useTranslation("auth");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [needCode, setNeedCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ids = useId();

  useEffect(() => {
    document.title = `${t("signInTitle")} · ${t("common:appName")}`;
  }, [t]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await postJson<SessionInfo>(`/api/auth/login?lang=${locale}`, {
        email,
        password,
        ...(needCode ? { totp: code } : {}),
      });
      setCsrfToken(session.csrfToken);
      const next = new URL(nextPath(window.location.search), window.location.origin);
      next.searchParams.set("lang", locale);
      window.location.assign(next.pathname + next.search);
    } catch (err) {
      if (err instanceof ApiError && err.code === "TOTP_REQUIRED") setNeedCode(true);
      setError(err);
      setBusy(false);
    }
  }

  const errorId = `${ids}-error`;
  return (
    <AppShell title={t("common:appName")}>
      <form
        className="auth-form"
        onSubmit={submit}
        noValidate
        aria-describedby={error ? errorId : undefined}
      >
        <h2>{t("signInTitle")}</h2>
        <p>{t("signInIntro")}</p>
        {error ? (
          <div id={errorId} role="alert" className="notice notice--error" data-testid="login-error">
            <p>{errorMessage(error, t)}</p>
          </div>
        ) : null}
        <label htmlFor={`${ids}-email`}>{t("email")}</label>
        <input
          id={`${ids}-email`}
          name="email"
          type="email"
          dir="ltr"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <label htmlFor={`${ids}-password`}>{t("password")}</label>
        <input
          id={`${ids}-password`}
          name="password"
          type="password"
          dir="ltr"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {needCode ? (
          <>
            <label htmlFor={`${ids}-totp`}>{t("totp")}</label>
            <input
              id={`${ids}-totp`}
              name="totp"
              inputMode="numeric"
              pattern="[0-9]{6}"
              autoComplete="one-time-code"
              dir="ltr"
              aria-describedby={`${ids}-totp-hint`}
              value={code}
              onChange={(e) => setCode(e.target.value.trim())}
              // the field appears after a submit: focus follows it
              autoFocus
            />
            <p id={`${ids}-totp-hint`} className="auth-form__hint">
              {t("totpHint")}
            </p>
          </>
        ) : null}
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("submitting") : t("submit")}
        </button>
      </form>
    </AppShell>
  );
}
