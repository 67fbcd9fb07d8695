import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, postJson } from "../../shared/api";
import { useAppLocale } from "../locale-context";
import { RoleFields } from "./RoleFields";
import type { AccountRow, AuthorityOption } from "./types";

interface Invited {
  user: AccountRow;
  inviteUrl: string;
  expiresAt: string;
}

/** Invites a person; the one-time link is shown to hand over (there is no mail server). */
export function InviteForm(props: { authorities: AuthorityOption[]; onInvited: () => void }) {
  const { t } = useTranslation("admin");
  const { locale } = useAppLocale();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState("researcher");
  const [authority, setAuthority] = useState("");
  const [invited, setInvited] = useState<Invited | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = {
        email,
        role,
        ...(name ? { name } : {}),
        ...(authority ? { authoritySlug: authority } : {}),
      };
      setInvited(await postJson<Invited>(`/api/users/invites?lang=${locale}`, body));
      setEmail("");
      setName("");
      props.onInvited();
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  const expires = invited
    ? new Date(invited.expiresAt).toLocaleString(locale, {
        dateStyle: "medium",
        timeStyle: "short",
      })
    : "";
  return (
    <form className="adm-invite" onSubmit={submit} data-testid="invite-form">
      <h3>{t("invite.title")}</h3>
      <div className="adm-fields">
        <label>
          {t("invite.email")}
          <input
            type="email"
            required
            dir="ltr"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="invite-email"
          />
        </label>
        <label>
          {t("invite.name")}
          <input value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
        </label>
        <RoleFields
          idPrefix="invite"
          role={role}
          authority={authority}
          authorities={props.authorities}
          onChange={(r, a) => {
            setRole(r);
            setAuthority(a);
          }}
        />
      </div>
      <button type="submit" className="button" disabled={busy} data-testid="invite-submit">
        {t("invite.submit")}
      </button>
      {error ? (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      ) : null}
      {invited ? (
        <div className="notice" role="status" data-testid="invite-created">
          <p>{t("invite.created", { email: invited.user.email, expires })}</p>
          <label>
            {t("invite.copy")}
            <input
              readOnly
              dir="ltr"
              value={invited.inviteUrl}
              onFocus={(e) => e.target.select()}
              data-testid="invite-link"
            />
          </label>
        </div>
      ) : null}
    </form>
  );
}
