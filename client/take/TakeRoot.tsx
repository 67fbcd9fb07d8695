import type { i18n } from "i18next";
import { StrictMode } from "react";
import { I18nextProvider } from "react-i18next";
import type { RespondentLocale } from "../shared/locale";
import { TakeApp } from "./TakeApp";
import type { OpenSurvey } from "./types";

interface Props {
  i18n: i18n;
  locale: RespondentLocale;
  /** The address's path: `/take/<slug>` or `/r/<token>`. */
  path: string;
  /** The survey the server drew the first page with, if it did. */
  preloaded: OpenSurvey | null;
}

/**
 * The respondent page's whole tree. The server draws the first page with it and
 * the browser hydrates the same tree, so the two must not differ.
 */
export function TakeRoot({ i18n, locale, path, preloaded }: Props) {
  return (
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <TakeApp i18n={i18n} initialLocale={locale} path={path} preloaded={preloaded} />
      </I18nextProvider>
    </StrictMode>
  );
}
