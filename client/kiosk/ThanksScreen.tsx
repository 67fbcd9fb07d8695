import { useTranslation } from "react-i18next";
import type { RespondentLocale } from "../shared/locale";
import { SignupForm } from "../take/SignupForm";
import type { OpenSurvey } from "./api";

/**
 * The thank-you: the transparency page's address and the optional sign-up.
 * Any touch marks the resident as engaged, so the screen stops resetting itself.
 */
export function ThanksScreen({
  open,
  locale,
  engaged,
  onEngage,
  onFinish,
}: {
  open: OpenSurvey;
  locale: RespondentLocale;
  engaged: boolean;
  onEngage: () => void;
  onFinish: () => void;
}) {
  const { t } = useTranslation("kiosk");
  return (
    <section
      className="kiosk-thanks"
      data-testid="thanks"
      onPointerDown={onEngage}
      onKeyDown={onEngage}
      onFocus={onEngage}
    >
      <h1 role="status">{t("thanks")}</h1>
      {/* A kiosk is not the resident's device: the address is shown to note down, not a link. */}
      <p data-testid="transparency-address">
        {t("transparency")}{" "}
        <bdi dir="ltr">{`${window.location.host}/p/${open.authority.slug}`}</bdi>
      </p>
      <SignupForm waveId={open.wave.id} locale={locale} channel="kiosk" />
      <p>{engaged ? t("thanksFinish") : t("thanksNext")}</p>
      <button type="button" className="kiosk-button" data-testid="finish" onClick={onFinish}>
        {t("finish")}
      </button>
    </section>
  );
}
