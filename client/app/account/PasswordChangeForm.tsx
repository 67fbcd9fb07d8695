import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, postJson, setCsrfToken } from "../../shared/api";
import { useAppLocale } from "../locale-context";
import type { SessionInfo } from "../session";

interface Props {
  /** Called once the password is changed, with the session that replaced the old one. */
  onDone: (session: SessionInfo) => void;
}

/**
 * The current password, then a new one. On success every other session of the
 * account has ended and this one was replaced: its new CSRF token is kept.
 */
export function PasswordChangeForm({ onDone }: Props) {
  const { t } = useTranslation("auth");
  const { locale } = useAppLocale();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ids = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await postJson<SessionInfo>(`/api/auth/password?lang=${locale}`, {
        currentPassword: current,
        newPassword: next,
      });
      setCsrfToken(session.csrfToken);
      onDone(session);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <form className="auth-form" onSubmit={submit} data-testid="password-change">
      <h2>{t("passwordChangeTitle")}</h2>
      <p>{t("passwordChangeIntro")}</p>
      {error ? (
        <div role="alert" className="notice notice--error">
          <p>{errorMessage(error, t)}</p>
        </div>
      ) : null}
      <label htmlFor={`${ids}-current`}>{t("currentPassword")}</label>
      <input
        id={`${ids}-current`}
        name="currentPassword"
        type="password"
        dir="ltr"
        autoComplete="current-password"
        required
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
      />
      <label htmlFor={`${ids}-new`}>{t("newPassword")}</label>
      <input
        id={`${ids}-new`}
        name="newPassword"
        type="password"
        dir="ltr"
        autoComplete="new-password"
        minLength={12}
        required
        aria-describedby={`${ids}-hint`}
        value={next}
        onChange={(e) => setNext(e.target.value)}
      />
      <p id={`${ids}-hint`} className="auth-form__hint">
        {t("passwordHint")}
      </p>
      <button type="submit" className="button" disabled={busy}>
        {t("passwordChangeSubmit")}
      </button>
    </form>
  );
}
