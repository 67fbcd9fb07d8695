import "./admin.css";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../shared/api";
import { LoadFailed } from "../LoadFailed";
import { useAppLocale } from "../locale-context";
import { useJson } from "../use-json";
import { ConfirmDialog } from "../workspace/contacts/ConfirmDialog";
import { runAccountAction, type AccountAction } from "./account-actions";
import { InviteForm } from "./InviteForm";
import { UserRow } from "./UserRow";
import type { AccountRow, AuthorityOption } from "./types";

/**
 * `/workspace/users`, admins only: every account, an invitation form, and per
 * account a change of role and authority, deactivation and resets, each
 * confirmed in a dialog before it is sent.
 */
export function UsersPage({ selfId }: { selfId: string }) {
  const { t } = useTranslation("admin");
  const { locale } = useAppLocale();
  const [users, reload] = useJson<AccountRow[]>(`/api/users?lang=${locale}`);
  const [authorities] = useJson<AuthorityOption[]>(`/api/authorities?lang=${locale}`);
  const [pending, setPending] = useState<AccountAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState("");
  const [error, setError] = useState<string | null>(null);

  if (users.kind === "failed") return <LoadFailed error={users.error} onRetry={reload} />;
  if (users.kind === "loading") return <p role="status">{t("common:loading")}</p>;
  const options = authorities.kind === "ready" ? authorities.data : [];
  const nameOf = (slug: string) => options.find((a) => a.slug === slug)?.name ?? slug;

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    setError(null);
    try {
      await runAccountAction(pending, locale);
      const email = pending.user.email;
      setNotice(
        pending.kind === "role"
          ? t("users.saved", { email })
          : t(`users.done.${pending.kind}`, { email }),
      );
      reload();
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
      setPending(null);
    }
  };
  const question = !pending
    ? ""
    : pending.kind === "role"
      ? t("users.confirm.role", {
          email: pending.user.email,
          role: t(`auth:roles.${pending.role}`),
          authority: pending.authority ? nameOf(pending.authority) : t("users.noAuthority"),
        })
      : t(`users.confirm.${pending.kind}`, { email: pending.user.email });

  return (
    <div className="adm-users" data-testid="users-page">
      <p>{t("users.intro")}</p>
      <InviteForm authorities={options} onInvited={reload} />
      <p role="status" data-testid="users-notice">
        {notice}
      </p>
      {error ? (
        <p role="alert" className="notice notice--error" data-testid="users-error">
          {error}
        </p>
      ) : null}
      <p>{t("users.count", { count: users.data.length })}</p>
      <div className="ws-table-wrap">
        <table className="ws-table adm-table">
          <thead>
            <tr>
              <th scope="col">{t("users.col.email")}</th>
              <th scope="col">{t("users.col.role")}</th>
              <th scope="col">{t("users.col.status")}</th>
              <th scope="col">{t("users.col.lastLogin")}</th>
              <th scope="col">{t("users.col.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <UserRow
                key={`${u.id}-${u.role}-${u.authoritySlug}-${u.status}`}
                user={u}
                self={u.id === selfId}
                authorities={options}
                onAction={setPending}
              />
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={pending !== null}
        title={question}
        confirmLabel={t("users.yes")}
        cancelLabel={t("users.cancel")}
        danger={pending !== null && pending.kind !== "reactivate"}
        busy={busy}
        testId="user-confirm"
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      />
    </div>
  );
}
