import { useTranslation } from "react-i18next";
import { ACCOUNT_ROLES, needsAuthority, type AuthorityOption } from "./types";

/**
 * A role and, for the roles bound to one authority, which one. Choosing a
 * programme-wide role clears the authority, as the server refuses one there.
 */
export function RoleFields(props: {
  idPrefix: string;
  role: string;
  authority: string;
  authorities: AuthorityOption[];
  onChange: (role: string, authority: string) => void;
}) {
  const { t } = useTranslation("admin");
  return (
    <>
      <label>
        {t("invite.role")}
        <select
          value={props.role}
          data-testid={`${props.idPrefix}-role`}
          onChange={(e) =>
            props.onChange(e.target.value, needsAuthority(e.target.value) ? props.authority : "")
          }
        >
          {ACCOUNT_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`auth:roles.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {needsAuthority(props.role) ? (
        <label>
          {t("invite.authority")}
          <select
            required
            value={props.authority}
            data-testid={`${props.idPrefix}-authority`}
            onChange={(e) => props.onChange(props.role, e.target.value)}
          >
            <option value="">{t("users.chooseAuthority")}</option>
            {props.authorities.map((a) => (
              <option key={a.slug} value={a.slug}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </>
  );
}
