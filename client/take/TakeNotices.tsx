import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorMessage, isRetryable } from "../shared/api";
import type { RespondentLocale } from "../shared/locale";
import { BadLinkHelp } from "./BadLinkHelp";
import { SignupForm } from "./SignupForm";
import type { OpenSurvey } from "./types";

/** A paused wave may open again: the resident can look again without reloading. */
const pausedNow = (error: unknown) => error instanceof ApiError && error.code === "WAVE_PAUSED";

/**
 * A refusal of the link itself (unknown, closed, malformed): the page names whom
 * to ask. Not after "you already answered" (that page thanks the resident).
 */
const deadEnd = (error: unknown) =>
  error instanceof ApiError && !isRetryable(error) && error.code !== "LINK_USED";

/** The survey could not be opened: why, a retry where one may help, and whom to ask. */
export function LoadError({
  error,
  slug,
  locale,
  onRetry,
}: {
  error: unknown;
  slug: string | null;
  locale: RespondentLocale;
  onRetry: () => void;
}) {
  const { t } = useTranslation("take");
  return (
    <>
      <div role="alert" className="notice notice--error">
        <p>{errorMessage(error, t)}</p>
        {isRetryable(error) || pausedNow(error) ? (
          <button type="button" className="button" onClick={onRetry}>
            {t("common:retry")}
          </button>
        ) : null}
      </div>
      {deadEnd(error) ? <BadLinkHelp slug={slug} locale={locale} /> : null}
    </>
  );
}

/**
 * After the answers were stored: the wave's thanks (in the language they were
 * given in), the transparency page, and the optional sign-up. The page scrolls
 * up and the focus moves to the thanks, so a screen reader says it.
 */
export function ThanksPage({
  thanks,
  open,
  locale,
  channel,
}: {
  thanks: string | null;
  open: OpenSurvey | null;
  locale: RespondentLocale;
  channel: "open-link" | "sms";
}) {
  const { t } = useTranslation("take");
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    window.scrollTo({ top: 0 });
    ref.current?.focus();
  }, []);
  return (
    <>
      <section className="thanks" data-testid="submitted" tabIndex={-1} ref={ref}>
        <h2>{thanks || t("thanks")}</h2>
        {open ? (
          <p>
            <a href={`/p/${open.authority.slug}?lang=${locale}`} data-testid="transparency-link">
              {t("signup.transparency")}
            </a>
          </p>
        ) : null}
      </section>
      {open ? <SignupForm waveId={open.wave.id} locale={locale} channel={channel} /> : null}
    </>
  );
}
