import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { armTapGuard } from "./tap-guard";
import type { OpenSurvey } from "./types";
import { untranslatedOf } from "./untranslated";

interface ConsentQuestion {
  name: string;
  title: string;
  requiredErrorText?: string;
}

/** The consent question of a survey's first page, when that page is exactly one. */
export function consentQuestionOf(open: OpenSurvey): ConsentQuestion | null {
  const pages = open.survey.pages as
    Array<{ elements?: Array<Record<string, unknown>> }> | undefined;
  const elements = pages?.[0]?.elements;
  const q = elements?.length === 1 ? elements[0] : undefined;
  if (!q || q.type !== "boolean" || q.name !== "consent" || typeof q.title !== "string")
    return null;
  return {
    name: q.name,
    title: q.title,
    requiredErrorText: typeof q.requiredErrorText === "string" ? q.requiredErrorText : undefined,
  };
}

interface Props {
  open: OpenSurvey;
  consent: ConsentQuestion;
  /** Called when the resident agreed and asked for the next page. */
  onNext: () => void;
}

/**
 * The survey's first page (title, introduction, consent) in plain React, shown
 * at once while the survey engine loads in the background; SurveyJS takes over
 * from the second page. On a slow phone this is the difference between a
 * question in two seconds and a blank page for five. The next button keeps
 * SurveyJS's class name, so the page is walked the same way.
 */
export function FirstPage({ open, consent, onNext }: Props) {
  const { t } = useTranslation("take");
  const id = useId();
  const [agreed, setAgreed] = useState(false);
  const [error, setError] = useState(false);
  // The server drew this page (server/web/take-page.ts): a box ticked before the
  // scripts ran is the resident's answer, kept when the page comes to life.
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current?.checked) setAgreed(true);
  }, []);
  const title = typeof open.survey.title === "string" ? open.survey.title : null;
  const description = typeof open.survey.description === "string" ? open.survey.description : null;
  // In Russian, a first page the item bank has no Russian for is in Hebrew, and says so.
  const hebrew = untranslatedOf(open).has(consent.name);
  const inHebrew = hebrew ? ({ lang: "he", dir: "rtl" } as const) : {};
  return (
    <div className="kp-first-page">
      {hebrew ? (
        <p className="notice kp-untranslated" data-testid="untranslated-note">
          {t("untranslated")}
        </p>
      ) : null}
      {/* On a phone the one-line header has room for a few letters of the name beside
          the language buttons: the page that asks for consent says in full who asks. */}
      <p className="kp-first-page__authority">{open.authority.name}</p>
      {title ? (
        <h2 className="kp-first-page__title" {...inHebrew}>
          {title}
        </h2>
      ) : null}
      {description ? (
        <p className="kp-first-page__description" {...inHebrew}>
          {description}
        </p>
      ) : null}
      <div className="kp-first-page__body">
        <div className="kp-first-page__question" data-name={consent.name}>
          <label className="kp-first-page__consent" htmlFor={`${id}-consent`}>
            <input
              id={`${id}-consent`}
              ref={box}
              type="checkbox"
              checked={agreed}
              aria-required="true"
              aria-invalid={error}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(e) => {
                setAgreed(e.target.checked);
                if (e.target.checked) setError(false);
              }}
            />
            <span {...inHebrew}>{consent.title}</span>
          </label>
          {error ? (
            <p id={`${id}-error`} role="alert" className="notice notice--error">
              {consent.requiredErrorText ?? t("surveyjs.requiredError")}
            </p>
          ) : null}
        </div>
        <div className="kp-first-page__nav">
          <button
            type="button"
            className="sd-navigation__next-btn kp-first-page__next"
            onClick={() => {
              if (!agreed) return setError(true);
              armTapGuard();
              onNext();
            }}
          >
            {t("surveyjs.pageNextText")}
          </button>
        </div>
      </div>
    </div>
  );
}
