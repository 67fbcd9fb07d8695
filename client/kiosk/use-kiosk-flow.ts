import type { i18n } from "i18next";
import { useCallback, useEffect, useRef, useState } from "react";
import { applyLocale, type RespondentLocale } from "../shared/locale";
import {
  deviceToken,
  KioskApiError,
  loadSurvey,
  newSubmissionId,
  pair,
  type OpenSurvey,
} from "./api";
import type { KioskProgress } from "./KioskSurvey";
import { enqueue } from "./offline-queue";
import { useIdle } from "./use-idle";
import { useKioskQueue } from "./use-kiosk-queue";

/** What the kiosk shows: one screen at a time, each with what it needs. */
export type KioskScreen =
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

/**
 * The kiosk's flow, apart from how it looks: paired once, then for each
 * resident a language choice, the survey, a thank-you and a reset; inactivity
 * warns, then resets; answers are queued encrypted and sent when possible.
 */
export function useKioskFlow(i18n: i18n) {
  const [screen, setScreen] = useState<KioskScreen>(() =>
    deviceToken.get() ? { kind: "choose" } : { kind: "pair", failed: false },
  );
  const { pending, online, flush, counted } = useKioskQueue(i18n);
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
      const open = await loadSurvey(locale);
      // A language the wave no longer offers is served in its default: follow it.
      if (open.locale !== locale) setLocale(open.locale);
      setScreen({ kind: "survey", open });
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
      const open = await loadSurvey(locale, screen.open.ballot);
      if (open.locale !== locale) setLocale(open.locale);
      setScreen({ kind: "survey", open, resume });
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
      counted();
      setScreen({ kind: "thanks", open });
      void flush();
    },
    [flush, counted],
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

  return {
    screen,
    engaged,
    engage: () => setEngaged(true),
    chooseRef,
    idle,
    queue: { pending, online },
    start,
    changeLanguage,
    onProgress,
    done,
    submitCode,
    reset,
  };
}
