import type { i18n } from "i18next";
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { RESPONDENT_LOCALES, type RespondentLocale } from "../shared/locale";
import { PageShell } from "../shared/PageShell";
import { useLocale } from "../shared/use-locale";
import { personalKey, serverDraft, slugFromPath } from "./personal-link";
import { BadLinkHelp } from "./BadLinkHelp";
import { loadDraft } from "./draft-store";
import { consentQuestionOf, FirstPage } from "./FirstPage";
import { LoadError, ThanksPage } from "./TakeNotices";
import type { OpenSurvey } from "./types";
import { useOpenSurvey } from "./use-open-survey";
import { useRunnerReady } from "./use-runner-ready";

// SurveyJS (most of the page's weight) starts loading at once but is needed only
// from the second page: the first page is drawn without it (FirstPage.tsx).
const loadRunner = () => import("./SurveyRunner");
const SurveyRunner = lazy(loadRunner);

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
  const { slug, load, retry } = useOpenSurvey(path, locale, setLocale, preloaded);
  const [submitted, setSubmitted] = useState<{
    thanks: string | null;
    locale: RespondentLocale;
  } | null>(null);
  const nextReady = useRunnerReady(loadRunner);
  // A resident coming back to a draft goes straight to SurveyJS, where they were.
  const [resumed] = useState(() => slug !== null && loadDraft(slug) !== null);
  // Answers of the light first page, once it is turned.
  const [firstPage, setFirstPage] = useState<Record<string, unknown> | null>(null);

  const onSubmitted = useCallback(
    (thanks: string | null) => setSubmitted({ thanks, locale }),
    [locale],
  );

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
      <ThanksPage
        thanks={submitted.locale === locale ? submitted.thanks : null}
        open={open}
        locale={locale}
        channel={personalKey(path) ? "sms" : "open-link"}
      />
    );
  } else if (load.kind === "failed") {
    body = (
      <LoadError error={load.error} slug={slugFromPath(path)} locale={locale} onRetry={retry} />
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
      locales={open?.languages ?? RESPONDENT_LOCALES}
      title={open ? open.authority.name : t("pageTitle")}
      authoritySlug={open?.authority.slug}
    >
      {body}
    </PageShell>
  );
}
