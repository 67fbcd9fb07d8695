import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAppLocale } from "../locale-context";
import type { AccountAction } from "./account-actions";
import { RoleFields } from "./RoleFields";
import type { AccountRow, AuthorityOption } from "./types";

/** One account: its facts, and the actions an admin may take on it (each asks to confirm). */
export function UserRow(props: {
  user: AccountRow;
  self: boolean;
  authorities: AuthorityOption[];
  onAction: (action: AccountAction) => void;
}) {
  const { t } = useTranslation("admin");
  const { locale } = useAppLocale();
  const { user } = props;
  const [editing, setEditing] = useState(false);
  const [role, setRole] = useState(user.role);
  const [authority, setAuthority] = useState(user.authoritySlug ?? "");
  const authorityName = (slug: string | null) =>
    slug ? (props.authorities.find((a) => a.slug === slug)?.name ?? slug) : t("users.noAuthority");
  const act = (kind: Exclude<AccountAction["kind"], "role">) => props.onAction({ kind, user });
  return (
    <tr data-testid="user-row" data-email={user.email}>
      <th scope="row">
        <bdi dir="ltr">{user.email}</bdi> {props.self ? t("users.you") : null}
        {user.name ? <div className="adm-muted">{user.name}</div> : null}
      </th>
      <td>
        {editing ? (
          <div className="adm-fields">
            <RoleFields
              idPrefix="edit"
              role={role}
              authority={authority}
              authorities={props.authorities}
              onChange={(r, a) => {
                setRole(r);
                setAuthority(a);
              }}
            />
            <div className="ws-row">
              <button
                type="button"
                className="button"
                data-testid="edit-save"
                onClick={() => {
                  setEditing(false);
                  props.onAction({ kind: "role", user, role, authority });
                }}
              >
                {t("users.save")}
              </button>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setEditing(false)}
              >
                {t("users.cancel")}
              </button>
            </div>
          </div>
        ) : (
          <>
            {t(`auth:roles.${user.role}`)}
            <div className="adm-muted">{authorityName(user.authoritySlug)}</div>
          </>
        )}
      </td>
      <td>
        {t(`users.status.${user.status}`)}
        <div className="adm-muted">{user.totpEnabled ? t("users.totpOn") : t("users.totpOff")}</div>
      </td>
      <td>
        {user.lastLoginAt
          ? new Date(user.lastLoginAt).toLocaleString(locale, {
              dateStyle: "short",
              timeStyle: "short",
            })
          : t("users.never")}
      </td>
      <td className="adm-actions">
        {props.self ? null : (
          <>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setEditing(true)}
              data-testid="change-role"
            >
              {t("users.edit")}
            </button>
            {user.status === "active" ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => act("deactivate")}
                data-testid="deactivate"
              >
                {t("users.deactivate")}
              </button>
            ) : null}
            {user.status === "disabled" ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => act("reactivate")}
                data-testid="reactivate"
              >
                {t("users.reactivate")}
              </button>
            ) : null}
            {user.totpEnabled ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => act("resetTotp")}
                data-testid="reset-totp"
              >
                {t("users.resetTotp")}
              </button>
            ) : null}
            {user.status === "active" ? (
              <>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => act("resetPassword")}
                  data-testid="reset-password"
                >
                  {t("users.resetPassword")}
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => act("endSessions")}
                  data-testid="end-sessions"
                >
                  {t("users.endSessions")}
                </button>
              </>
            ) : null}
          </>
        )}
      </td>
    </tr>
  );
}
