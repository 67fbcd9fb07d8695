import type { i18n } from "i18next";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { applyLocale, type RespondentLocale } from "../shared/locale";
import { statementHref } from "../shared/PageShell";
import {
  deviceToken,
  flushQueue,
  KioskApiError,
  loadSurvey,
  newSubmissionId,
  pair,
  reportQueue,
  type OpenSurvey,
} from "./api";
import { SignupForm } from "../take/SignupForm";
import { KioskBar } from "./KioskBar";
import { KioskSurvey, type KioskProgress } from "./KioskSurvey";
import { KIOSK_LANGUAGES } from "./languages";
import { enqueue, pendingCount } from "./offline-queue";
import { useIdle } from "./use-idle";

type Screen =
  | { kind: "pair"; failed: boolean }
  | { kind: "choose" }
  | { kind: "loading" }
  | { kind: "survey"; open: OpenSurvey; resume?: KioskProgress }
  | { kind: "thanks"; open: OpenSurvey }
  | { kind: "failed" };

/** Timings in seconds; ?idle=&warn=&thanks= shorten them for tests and demos (within bounds). */
function timing(name: string, fallback: number): number {
  const v = Number(new URLSearchParams(window.location.search).get(name));
  return Number.isFinite(v) && v >= 1 && v <= 600 ? v * 1000 : fallback * 1000;
}
const IDLE_MS = timing("idle", 90);
const WARN_MS = timing("warn", 20);
const THANKS_MS = timing("thanks", 8);
const FLUSH_EVERY_MS = 15_000;

/**
 * The kiosk: paired once, then for each resident a language choice, the survey
 * full screen, a thank-you and a reset. Inactivity warns, then resets. Answers
 * are queued encrypted on the tablet and sent whenever the network allows.
 */
export function KioskApp({ i18n }: { i18n: i18n }) {
  const { t } = useTranslation("kiosk");
  const [screen, setScreen] = useState<Screen>(() =>
    deviceToken.get() ? { kind: "choose" } : { kind: "pair", failed: false },
  );
  const [pending, setPending] = useState(() => pendingCount());
  const [online, setOnline] = useState(() => navigator.onLine);
  const resetStarted = useRef<number | null>(null);
  const chooseRef = useRef<HTMLElement>(null);
  // Where the resident is, so a change of language puts the answers back.
  const progress = useRef<KioskProgress | null>(null);
  // Once the resident starts on the sign-up, the thank-you no longer resets on a timer.
  const [engaged, setEngaged] = useState(false);

  const setLocale = useCallback(
    (locale: RespondentLocale) => {
      applyLocale(locale);
      void i18n.changeLanguage(locale);
    },
    [i18n],
  );

  const flush = useCallback(async () => {
    await flushQueue().catch(() => undefined);
    setPending(pendingCount());
    // After each attempt to send: what is left is what the workspace shows as queued.
    await reportQueue(i18n.language).catch(() => undefined);
  }, [i18n]);

  useEffect(() => {
    const up = () => {
      setOnline(true);
      void flush();
    };
    const down = () => setOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    const timer = window.setInterval(() => void flush(), FLUSH_EVERY_MS);
    void flush();
    return () => {
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
      window.clearInterval(timer);
    };
  }, [flush]);

  /** Back to the language choice with nothing of the last resident left on screen. */
  const reset = useCallback(() => {
    resetStarted.current = performance.now();
    progress.current = null;
    setEngaged(false);
    setLocale("he");
    setScreen({ kind: "choose" });
  }, [setLocale]);

  useEffect(() => {
    if (screen.kind !== "choose") return;
    window.scrollTo({ top: 0 });
    if (resetStarted.current !== null && chooseRef.current) {
      // Measured for the closing note: from the reset to the language choice on screen.
      const ms = performance.now() - resetStarted.current;
      chooseRef.current.dataset.resetMs = ms.toFixed(1);
      resetStarted.current = null;
    }
  }, [screen]);

  useEffect(() => {
    if (screen.kind !== "thanks" || engaged) return;
    const timer = window.setTimeout(reset, THANKS_MS);
    return () => window.clearTimeout(timer);
  }, [screen, engaged, reset]);

  // The tab title too is in the resident's language.
  useEffect(() => {
    document.title = t("pageTitle");
  }, [t]);

  const idle = useIdle(
    screen.kind === "survey" || (screen.kind === "thanks" && engaged),
    IDLE_MS,
    WARN_MS,
    reset,
  );

  const start = async (locale: RespondentLocale) => {
    setLocale(locale);
    setScreen({ kind: "loading" });
    document.documentElement.requestFullscreen?.().catch(() => undefined);
    try {
      setScreen({ kind: "survey", open: await loadSurvey(locale) });
    } catch (err) {
      if (err instanceof KioskApiError && err.status === 401) {
        deviceToken.clear();
        setScreen({ kind: "pair", failed: false });
      } else setScreen({ kind: "failed" });
    }
  };

  /** Another language mid-survey: the same survey in it, with the answers given so far. */
  const changeLanguage = async (locale: RespondentLocale) => {
    if (screen.kind === "thanks") return setLocale(locale);
    if (screen.kind !== "survey") return;
    const before = screen.open.locale;
    const resume = progress.current ?? undefined;
    setLocale(locale);
    try {
      setScreen({ kind: "survey", open: await loadSurvey(locale, screen.open.ballot), resume });
    } catch {
      setLocale(before); // the survey stays as it was, in its language
    }
  };

  const onProgress = useCallback((p: KioskProgress) => {
    progress.current = p;
  }, []);

  const done = useCallback(
    async (answers: Record<string, unknown>, open: OpenSurvey) => {
      progress.current = null;
      await enqueue({
        locale: open.locale,
        submissionId: newSubmissionId(),
        answers,
        ...(open.ballot ? { ballot: open.ballot } : {}),
      });
      setPending(pendingCount());
      setScreen({ kind: "thanks", open });
      void flush();
    },
    [flush],
  );

  const submitCode = async (code: string) => {
    try {
      await pair(code, i18n.language);
      setScreen({ kind: "choose" });
      void flush();
    } catch {
      setScreen({ kind: "pair", failed: true });
    }
  };

  const locale = i18n.language as RespondentLocale;
  let body;
  switch (screen.kind) {
    case "pair":
      body = (
        <form
          className="kiosk-pair"
          onSubmit={(e) => {
            e.preventDefault();
            void submitCode(String(new FormData(e.currentTarget).get("code") ?? ""));
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
          {screen.failed ? (
            <p role="alert" className="kiosk-error">
              {t("pairFailed")}
            </p>
          ) : null}
          <button type="submit" className="kiosk-button">
            {t("pairButton")}
          </button>
        </form>
      );
      break;
    case "choose":
      body = (
        <section className="kiosk-choose" data-testid="choose" ref={chooseRef}>
          <h1>{t("chooseLanguage")}</h1>
          <div className="kiosk-languages">
            {KIOSK_LANGUAGES.map((l) => (
              <button
                key={l.locale}
                type="button"
                lang={l.locale}
                dir={l.locale === "en" ? "ltr" : "rtl"}
                className="kiosk-language"
                onClick={() => void start(l.locale)}
              >
                {l.label}
              </button>
            ))}
          </div>
        </section>
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
          onProgress={onProgress}
          onDone={(a) => void done(a, screen.open)}
        />
      );
      break;
    case "thanks":
      body = (
        <section
          className="kiosk-thanks"
          data-testid="thanks"
          onPointerDown={() => setEngaged(true)}
          onKeyDown={() => setEngaged(true)}
          onFocus={() => setEngaged(true)}
        >
          <h1 role="status">{t("thanks")}</h1>
          {/* A kiosk is not the resident's device: the address is shown to note down, not a link. */}
          <p data-testid="transparency-address">
            {t("transparency")}{" "}
            <bdi dir="ltr">{`${window.location.host}/p/${screen.open.authority.slug}`}</bdi>
          </p>
          <SignupForm waveId={screen.open.wave.id} locale={locale} channel="kiosk" />
          <p>{engaged ? t("thanksFinish") : t("thanksNext")}</p>
          <button type="button" className="kiosk-button" data-testid="finish" onClick={reset}>
            {t("finish")}
          </button>
        </section>
      );
      break;
    case "failed":
      body = (
        <div role="alert" className="kiosk-error-box">
          <p>{t("loadFailed")}</p>
          <button type="button" className="kiosk-button" onClick={reset}>
            {t("retry")}
          </button>
        </div>
      );
  }

  const resident = screen.kind === "survey" || screen.kind === "thanks";
  return (
    <main className="kiosk">
      {resident ? (
        <KioskBar
          locale={locale}
          onLocale={(l) => void changeLanguage(l)}
          onStartOver={reset}
          authoritySlug={screen.open.authority.slug}
        />
      ) : null}
      {body}
      {screen.kind === "choose" ? (
        <a
          className="kiosk-statement"
          href={statementHref(locale)}
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
        <div
          className="kiosk-idle"
          role="alertdialog"
          aria-modal="true"
          aria-labelledby="idle-title"
          data-testid="idle-warning"
        >
          <div className="kiosk-idle-box">
            <h2 id="idle-title">{t("idleTitle")}</h2>
            <p>{t("idleBody", { count: idle.secondsLeft })}</p>
            <button type="button" className="kiosk-button" onClick={idle.stillHere} autoFocus>
              {t("idleContinue")}
            </button>
          </div>
        </div>
      ) : null}
    </main>
  );
}
