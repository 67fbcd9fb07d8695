import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, postJson } from "../shared/api";
import { Link } from "react-router";
import { AppShell } from "./AppShell";
import { useAppLocale } from "./locale-context";
import { LoadFailed } from "./LoadFailed";
import { useJson } from "./use-json";

/** `/invite/<token>`: the invited person chooses a password; the link then stops working. */
export function InvitePage({ token }: { token: string }) {
  const { locale } = useAppLocale();
  const { t } = useTranslation("auth");
  const [invite, retry] = useJson<{ email: string }>(`/api/auth/invites/${token}?lang=${locale}`);
  const [password, setPassword] = useState("");
  const [state, setState] = useState<"idle" | "busy" | "done">("idle");
  const [error, setError] = useState<unknown>(null);
  const ids = useId();

  useEffect(() => {
    document.title = `${t("inviteTitle")} · ${t("common:appName")}`;
  }, [t]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setState("busy");
    setError(null);
    try {
      await postJson(`/api/auth/invites/${token}?lang=${locale}`, { password });
      setState("done");
    } catch (err) {
      setError(err);
      setState("idle");
    }
  }

  let body;
  if (invite.kind === "failed") body = <LoadFailed error={invite.error} onRetry={retry} />;
  else if (invite.kind === "loading") body = <p role="status">{t("common:loading")}</p>;
  else if (state === "done")
    body = (
      <div role="status" className="notice">
        <p>{t("inviteDone")}</p>
        <Link to={`/login?lang=${locale}`}>{t("goToSignIn")}</Link>
      </div>
    );
  else
    body = (
      <form className="auth-form" onSubmit={submit}>
        <p>{t("inviteIntro", { email: invite.data.email })}</p>
        {error ? (
          <div role="alert" className="notice notice--error">
            <p>{errorMessage(error, t)}</p>
          </div>
        ) : null}
        <label htmlFor={`${ids}-password`}>{t("newPassword")}</label>
        <input
          id={`${ids}-password`}
          type="password"
          dir="ltr"
          autoComplete="new-password"
          minLength={12}
          required
          aria-describedby={`${ids}-hint`}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <p id={`${ids}-hint`} className="auth-form__hint">
          {t("passwordHint")}
        </p>
        <button type="submit" className="button" disabled={state === "busy"}>
          {t("inviteSubmit")}
        </button>
      </form>
    );

  return (
    <AppShell title={t("common:appName")}>
      <h2>{t("inviteTitle")}</h2>
      {body}
    </AppShell>
  );
}
