import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LOCALES, type Locale } from "../../../shared/locale";
import { SendSchedule } from "./SendSchedule";
import type { SendPlan } from "./use-invitation-send";
import { useAppLocale } from "../../locale-context";

/**
 * The body of the send dialog: how many invitations will be queued, when they
 * go, and the SMS in the language picked (the page's at first).
 */
export function SendConfirmation({ plan }: { plan: SendPlan }) {
  const { t } = useTranslation("ws-contacts");
  const { locale } = useAppLocale();
  const [shown, setShown] = useState<Locale>(locale);
  const preview = plan.previews[shown];
  return (
    <>
      <p data-testid="send-count">
        {plan.count === 0 ? t("send.nothing") : t("send.count", { count: plan.count })}
      </p>
      <p className="ws-small ws-muted">{t("send.quietHours")}</p>
      <SendSchedule schedule={plan.schedule} />
      <div className="ct-preview-tabs" role="group" aria-label={t("send.previewLanguage")}>
        {LOCALES.map((l) => (
          <button
            key={l}
            type="button"
            className="ct-chip"
            aria-pressed={shown === l}
            onClick={() => setShown(l)}
          >
            {t(`languages.${l}`)}
          </button>
        ))}
      </div>
      {preview ? (
        <figure className="ct-sms" data-testid="send-preview">
          <blockquote lang={shown} dir={shown === "en" ? "ltr" : "rtl"}>
            {preview.text}
          </blockquote>
          <figcaption className="ws-small ws-muted">
            {t("send.segments", { count: preview.segments })}
          </figcaption>
        </figure>
      ) : null}
    </>
  );
}
