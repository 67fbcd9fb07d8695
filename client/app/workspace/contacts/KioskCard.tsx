import { useTranslation } from "react-i18next";
import type { KioskView } from "./api";
import { fullTime, relativeTime } from "./time";
import { useAppLocale } from "../../locale-context";

interface Props {
  kiosk: KioskView;
  /** The name of the wave it serves, or "" when the waves are not read yet. */
  waveName: string;
  /** The time "last seen" is counted from, moved on with each refresh. */
  now: number;
  onNewCode: () => void;
  onRevoke: () => void;
}

/** One kiosk in the list: its wave, state, last call and queued answers; a new code or revoke. */
export function KioskCard({ kiosk: k, waveName, now, onNewCode, onRevoke }: Props) {
  const { t } = useTranslation("ws-contacts");
  const { locale } = useAppLocale();
  return (
    <li className="ct-kiosk" data-testid={`kiosk-${k.id}`} data-revoked={k.revoked}>
      <h4>{k.label}</h4>
      <dl className="ct-kiosk__facts">
        <dt>{t("kiosks.wave")}</dt>
        <dd>{waveName || "—"}</dd>
        <dt>{t("kiosks.state")}</dt>
        <dd data-testid="kiosk-state">
          {t(k.revoked ? "kiosks.revokedState" : k.pairedAt ? "kiosks.paired" : "kiosks.unpaired")}
        </dd>
        <dt>{t("kiosks.lastSeen")}</dt>
        <dd data-testid="kiosk-last-seen">
          {k.lastSeenAt ? (
            <time dateTime={k.lastSeenAt} title={fullTime(k.lastSeenAt, locale)}>
              {relativeTime(k.lastSeenAt, locale, now)}
            </time>
          ) : (
            t("kiosks.never")
          )}
        </dd>
        <dt>{t("kiosks.queued")}</dt>
        <dd data-testid="kiosk-queued">
          {k.queuedAnswers === null
            ? t("kiosks.queueUnknown")
            : t("kiosks.queuedCount", { count: k.queuedAnswers })}
          {k.queueReportedAt ? (
            <span className="ws-small ws-muted">
              {" "}
              ({t("kiosks.reported", { when: relativeTime(k.queueReportedAt, locale, now) })})
            </span>
          ) : null}
        </dd>
      </dl>
      {k.revoked ? null : (
        <div className="ws-row">
          <button
            type="button"
            className="button button--secondary"
            onClick={onNewCode}
            aria-label={t("kiosks.newCodeFor", { label: k.label })}
            data-testid="kiosk-new-code"
          >
            {t("kiosks.newCode")}
          </button>
          <button
            type="button"
            className="ws-link-button ws-danger"
            onClick={onRevoke}
            aria-label={t("kiosks.revokeFor", { label: k.label })}
            data-testid="kiosk-revoke"
          >
            {t("kiosks.revoke")}
          </button>
        </div>
      )}
    </li>
  );
}
