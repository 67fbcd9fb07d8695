import { useTranslation } from "react-i18next";
import { useAppLocale } from "../locale-context";
import type { AuditRow, AuthorityOption } from "./types";

/** Who an event names as its actor, in words. */
export function useActorLabel() {
  const { t } = useTranslation("admin");
  return (e: AuditRow) =>
    e.actor.kind === "user"
      ? (e.actor.email ?? e.actor.id ?? "")
      : e.actor.kind === "kiosk"
        ? t("audit.kiosk")
        : e.actor.kind === "anonymous"
          ? t("audit.anonymous")
          : t("audit.system");
}

/** The audit events shown, newest first; a read or export of personal data is marked. */
export function AuditTable(props: { events: AuditRow[]; authorities: AuthorityOption[] }) {
  const { t } = useTranslation("admin");
  const { locale } = useAppLocale();
  const actor = useActorLabel();
  const place = (slug: string | null) =>
    slug ? (props.authorities.find((a) => a.slug === slug)?.name ?? slug) : "";
  return (
    <div className="ws-table-wrap">
      <table className="ws-table adm-table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">{t("audit.col.at")}</th>
            <th scope="col">{t("audit.col.who")}</th>
            <th scope="col">{t("audit.col.action")}</th>
            <th scope="col">{t("audit.col.authority")}</th>
            <th scope="col">{t("audit.col.ip")}</th>
          </tr>
        </thead>
        <tbody>
          {props.events.map((e) => (
            <tr
              key={e.id}
              data-testid="audit-row"
              data-action={e.action}
              className={e.personal ? "adm-personal" : undefined}
            >
              <td>
                <time dateTime={e.at}>
                  {new Date(e.at).toLocaleString(locale, {
                    dateStyle: "short",
                    timeStyle: "medium",
                  })}
                </time>
              </td>
              <td>
                <bdi dir="ltr">{actor(e)}</bdi>
                {e.actor.role ? (
                  <div className="adm-muted">{t(`auth:roles.${e.actor.role}`)}</div>
                ) : null}
              </td>
              <td>
                {t(`audit.actions.${e.action}`, { defaultValue: e.action })}
                {e.personal ? (
                  <span className="adm-tag" data-testid="personal-tag">
                    {t("audit.personal")}
                  </span>
                ) : null}
              </td>
              <td>{place(e.authoritySlug)}</td>
              <td>
                <bdi dir="ltr">{e.ip ?? ""}</bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
