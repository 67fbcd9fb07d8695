import type { i18n } from "i18next";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { RespondentLocale } from "../shared/locale";
import { kioskStatementHref } from "./statement-link";
import { KioskBar } from "./KioskBar";
import { IdleWarning, LanguageChoice, LoadFailed, PairForm } from "./KioskScreens";
import { ThanksScreen } from "./ThanksScreen";
import { KioskSurvey } from "./KioskSurvey";
import { keptLanguages } from "./offline-surveys";
import { useKioskFlow } from "./use-kiosk-flow";

/**
 * The kiosk: paired once, then for each resident a language choice, the survey
 * full screen, a thank-you and a reset (the flow is {@link useKioskFlow}).
 */
export function KioskApp({ i18n }: { i18n: i18n }) {
  const { t } = useTranslation("kiosk");
  const flow = useKioskFlow(i18n);
  const { screen, idle } = flow;
  const { pending, online } = flow.queue;

  // The tab title too is in the resident's language.
  useEffect(() => {
    document.title = t("pageTitle");
  }, [t]);

  const locale = i18n.language as RespondentLocale;
  let body: ReactNode = null;
  switch (screen.kind) {
    case "pair":
      body = <PairForm failed={screen.failed} onCode={(code) => void flow.submitCode(code)} />;
      break;
    case "choose":
      body = (
        <LanguageChoice
          ref={flow.chooseRef}
          languages={keptLanguages(localStorage)}
          onChoose={(l) => void flow.start(l)}
        />
      );
      break;
    case "loading":
      body = (
        <p role="status" className="kiosk-loading">
          …
        </p>
      );
      break;
    case "survey":
      body = (
        <KioskSurvey
          open={screen.open}
          resume={screen.resume}
          onProgress={flow.onProgress}
          onDone={(a) => void flow.done(a, screen.open)}
        />
      );
      break;
    case "thanks":
      body = (
        <ThanksScreen
          open={screen.open}
          locale={locale}
          engaged={flow.engaged}
          onEngage={flow.engage}
          onFinish={flow.reset}
        />
      );
      break;
    case "failed":
      body = <LoadFailed onRetry={flow.reset} />;
  }

  const resident = screen.kind === "survey" || screen.kind === "thanks";
  return (
    <main className="kiosk">
      {resident ? (
        <KioskBar
          locale={locale}
          languages={screen.open.languages ?? keptLanguages(localStorage)}
          onLocale={(l) => void flow.changeLanguage(l)}
          onStartOver={flow.reset}
          authoritySlug={screen.open.authority.slug}
        />
      ) : null}
      {body}
      {screen.kind === "choose" ? (
        <a
          className="kiosk-statement"
          href={kioskStatementHref(locale)}
          data-testid="accessibility-link"
        >
          {t("common:accessibilityStatement")}
        </a>
      ) : null}
      <footer className="kiosk-status" aria-live="polite">
        {!online ? <span data-testid="offline">{t("offline")}</span> : null}
        {pending > 0 ? <span data-testid="pending">{t("pending", { count: pending })}</span> : null}
      </footer>
      {idle.secondsLeft !== null ? (
        <IdleWarning secondsLeft={idle.secondsLeft} onStillHere={idle.stillHere} />
      ) : null}
    </main>
  );
}
