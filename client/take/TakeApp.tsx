import type { i18n } from "i18next";
import { lazy, startTransition, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorMessage, getJson, isRetryable } from "../shared/api";
import { RESPONDENT_LOCALES, type RespondentLocale } from "../shared/locale";
import { PageShell } from "../shared/PageShell";
import { useLocale } from "../shared/use-locale";
import {
  followsContactLocale,
  openUrl,
  personalKey,
  serverDraft,
  slugFromPath,
} from "./personal-link";
import { SignupForm } from "./SignupForm";
import { BadLinkHelp } from "./BadLinkHelp";
import { loadDraft } from "./draft-store";
import { consentQuestionOf, FirstPage } from "./FirstPage";
import type { OpenSurvey } from "./types";

// SurveyJS (most of the page's weight) starts loading at once but is needed only
// from the second page: the first page is drawn without it (FirstPage.tsx).
const loadRunner = () => import("./SurveyRunner");
const SurveyRunner = lazy(loadRunner);

/** Runs when the browser has nothing better to do (or soon, where it cannot say). */
function whenIdle(run: () => void): void {
  if (typeof window.requestIdleCallback === "function")
    window.requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 200);
}

/** A paused wave may open again: the resident can look again without reloading. */
const pausedNow = (error: unknown) => error instanceof ApiError && error.code === "WAVE_PAUSED";

/**
 * A refusal of the link itself (unknown, closed, malformed): the page names whom
 * to ask. Not after "you already answered" (that page thanks the resident).
 */
const deadEnd = (error: unknown) =>
  error instanceof ApiError && !isRetryable(error) && error.code !== "LINK_USED";

type Load =
  { kind: "loading" } | { kind: "ready"; open: OpenSurvey } | { kind: "failed"; error: unknown };

interface Props {
  i18n: i18n;
  initialLocale: RespondentLocale;
  /** The address's path (the server draws the page without a window). */
  path: string;
  /** The survey the server drew the page with: not asked of the API again. */
  preloaded?: OpenSurvey | null;
}

/** The respondent page: loads the open survey in the chosen language and runs it. */
export function TakeApp({ i18n, initialLocale, path, preloaded }: Props) {
  const { t } = useTranslation("take");
  const [locale, setLocale] = useLocale(i18n, initialLocale);
  // after a language switch the answers come back silently: the resident just gave them
  const [switched, setSwitched] = useState(false);
  const switchLocale = useCallback(
    (next: RespondentLocale) => {
      setSwitched(true);
      setLocale(next);
    },
    [setLocale],
  );
  const [slug] = useState(() => slugFromPath(path) ?? personalKey(path));
  const firstLoad = useRef(!preloaded);
  const [load, setLoad] = useState<Load>(() =>
    preloaded ? { kind: "ready", open: preloaded } : { kind: "loading" },
  );
  const [attempt, setAttempt] = useState(0);
  const [submitted, setSubmitted] = useState<{
    thanks: string | null;
    locale: RespondentLocale;
  } | null>(null);
  // SurveyJS is fetched as soon as the page runs, and the second page drawn (hidden)
  // once the browser is idle, while the first page is read: turning it then only
  // shows what is ready instead of building the survey under the resident's finger.
  const [nextReady, setNextReady] = useState(false);
  useEffect(() => {
    let cancelled = false;
    loadRunner().then(
      () => whenIdle(() => !cancelled && startTransition(() => setNextReady(true))),
      () => undefined, // the page turn asks again, and shows the failure
    );
    return () => {
      cancelled = true;
    };
  }, []);
  const thanksRef = useRef<HTMLElement>(null);
  // A resident coming back to a draft goes straight to SurveyJS, where they were.
  const [resumed] = useState(() => slug !== null && loadDraft(slug) !== null);
  // Answers of the light first page, once it is turned.
  const [firstPage, setFirstPage] = useState<Record<string, unknown> | null>(null);

  // The language and attempt of the survey on screen: adopting a personal link's own
  // language must not fetch the survey a second time.
  const loadedFor = useRef<{ locale: RespondentLocale; attempt: number } | null>(
    preloaded ? { locale: preloaded.locale, attempt: 0 } : null,
  );

  useEffect(() => {
    if (!slug) return;
    if (loadedFor.current?.locale === locale && loadedFor.current.attempt === attempt) return;
    const abort = new AbortController();
    // On a language switch the old survey stays up until the new one arrives.
    getJson<OpenSurvey>(openUrl(slug, locale, firstLoad.current), abort.signal).then(
      (open) => {
        // A personal link opens in the contact's language unless the address named one.
        if (followsContactLocale(slug, firstLoad.current) && open.locale !== locale)
          setLocale(open.locale);
        firstLoad.current = false;
        loadedFor.current = { locale: open.locale, attempt };
        setLoad({ kind: "ready", open });
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setLoad({ kind: "failed", error });
      },
    );
    return () => abort.abort();
  }, [slug, locale, attempt, setLocale]);

  const onSubmitted = useCallback(
    (thanks: string | null) => setSubmitted({ thanks, locale }),
    [locale],
  );

  useEffect(() => {
    if (!submitted) return;
    window.scrollTo({ top: 0 });
    thanksRef.current?.focus();
  }, [submitted]);

  const open = load.kind === "ready" ? load.open : null;
  useEffect(() => {
    document.title = open ? `${open.wave.name} · ${open.authority.name}` : t("pageTitle");
  }, [open, t]);

  let body;
  if (!slug) {
    body = (
      <>
        <p className="notice notice--error">{t("linkInvalid")}</p>
        <BadLinkHelp slug={null} locale={locale} />
      </>
    );
  } else if (submitted) {
    body = (
      <>
        <section className="thanks" data-testid="submitted" tabIndex={-1} ref={thanksRef}>
          <h2>
            {submitted.locale === locale && submitted.thanks ? submitted.thanks : t("thanks")}
          </h2>
          {open ? (
            <p>
              <a href={`/p/${open.authority.slug}?lang=${locale}`} data-testid="transparency-link">
                {t("signup.transparency")}
              </a>
            </p>
          ) : null}
        </section>
        {open ? (
          <SignupForm
            waveId={open.wave.id}
            locale={locale}
            channel={personalKey(path) ? "sms" : "open-link"}
          />
        ) : null}
      </>
    );
  } else if (load.kind === "failed") {
    body = (
      <div role="alert" className="notice notice--error">
        <p>{errorMessage(load.error, t)}</p>
        {isRetryable(load.error) || pausedNow(load.error) ? (
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            {t("common:retry")}
          </button>
        ) : null}
      </div>
    );
    if (deadEnd(load.error))
      body = (
        <>
          {body}
          <BadLinkHelp slug={slugFromPath(path)} locale={locale} />
        </>
      );
  } else if (open) {
    const consent = consentQuestionOf(open);
    // The light first page, unless the resident comes back to answers already given.
    const lightFirst = consent !== null && !serverDraft(open) && !resumed;
    const onFirst = lightFirst && firstPage === null;
    // One place in the tree for the runner, so the page drawn while the first is
    // read is the one shown when it is turned.
    body = (
      <>
        {onFirst && consent ? (
          <FirstPage
            open={open}
            consent={consent}
            onNext={() => setFirstPage({ [consent.name]: true })}
          />
        ) : null}
        {!onFirst || nextReady ? (
          <Suspense
            fallback={
              onFirst ? null : (
                <p role="status" className="loading">
                  {t("loading")}
                </p>
              )
            }
          >
            <SurveyRunner
              slug={slug}
              open={open}
              onSubmitted={onSubmitted}
              announceRestore={!switched}
              afterFirstPage={lightFirst}
              waiting={onFirst}
              firstPageAnswers={firstPage ?? undefined}
            />
          </Suspense>
        ) : null}
      </>
    );
  } else {
    body = (
      <p role="status" className="loading">
        {t("loading")}
      </p>
    );
  }

  return (
    <PageShell
      locale={locale}
      onLocaleChange={switchLocale}
      locales={RESPONDENT_LOCALES}
      title={open ? open.authority.name : t("pageTitle")}
      authoritySlug={open?.authority.slug}
    >
      {body}
    </PageShell>
  );
}
