import type { Ref } from "react";
import { useTranslation } from "react-i18next";
import { dirOf, type RespondentLocale } from "../shared/locale";
import { KIOSK_LANGUAGES } from "./languages";

/** The one-time pairing: the eight-digit code from the workspace. */
export function PairForm({ failed, onCode }: { failed: boolean; onCode: (code: string) => void }) {
  const { t } = useTranslation("kiosk");
  return (
    <form
      className="kiosk-pair"
      onSubmit={(e) => {
        e.preventDefault();
        onCode(String(new FormData(e.currentTarget).get("code") ?? ""));
      }}
    >
      <h1>{t("pairTitle")}</h1>
      <p>{t("pairHelp")}</p>
      <label>
        {t("pairCode")}
        <input
          name="code"
          inputMode="numeric"
          pattern="\d{8}"
          maxLength={8}
          required
          dir="ltr"
          autoComplete="off"
        />
      </label>
      {failed ? (
        <p role="alert" className="kiosk-error">
          {t("pairFailed")}
        </p>
      ) : null}
      <button type="submit" className="kiosk-button">
        {t("pairButton")}
      </button>
    </form>
  );
}

/** Each resident's first screen: the languages the wave offers, each named in itself. */
export function LanguageChoice({
  languages,
  onChoose,
  ref,
}: {
  languages: readonly RespondentLocale[];
  onChoose: (locale: RespondentLocale) => void;
  ref: Ref<HTMLElement>;
}) {
  const { t } = useTranslation("kiosk");
  return (
    <section className="kiosk-choose" data-testid="choose" ref={ref}>
      <h1>{t("chooseLanguage")}</h1>
      <div className="kiosk-languages">
        {KIOSK_LANGUAGES.filter((l) => languages.includes(l.locale)).map((l) => (
          <button
            key={l.locale}
            type="button"
            lang={l.locale}
            dir={dirOf(l.locale)}
            className="kiosk-language"
            onClick={() => onChoose(l.locale)}
          >
            {l.label}
          </button>
        ))}
      </div>
    </section>
  );
}

/** The survey could not be loaded: say so and offer the language choice again. */
export function LoadFailed({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation("kiosk");
  return (
    <div role="alert" className="kiosk-error-box">
      <p>{t("loadFailed")}</p>
      <button type="button" className="kiosk-button" onClick={onRetry}>
        {t("retry")}
      </button>
    </div>
  );
}

/** Inactivity: a modal countdown before the kiosk resets for the next resident. */
export function IdleWarning({
  secondsLeft,
  onStillHere,
}: {
  secondsLeft: number;
  onStillHere: () => void;
}) {
  const { t } = useTranslation("kiosk");
  return (
    <div
      className="kiosk-idle"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="idle-title"
      data-testid="idle-warning"
    >
      <div className="kiosk-idle-box">
        <h2 id="idle-title">{t("idleTitle")}</h2>
        <p>{t("idleBody", { count: secondsLeft })}</p>
        <button type="button" className="kiosk-button" onClick={onStillHere} autoFocus>
          {t("idleContinue")}
        </button>
      </div>
    </div>
  );
}
