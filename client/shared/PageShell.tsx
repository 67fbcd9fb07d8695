import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitcher } from "./LanguageSwitcher";
import type { RespondentLocale } from "./locale";

interface Props<L extends RespondentLocale> {
  locale: L;
  onLocaleChange: (locale: L) => void;
  /** The languages offered (resident pages add Russian); the workspace's three by default. */
  locales?: readonly L[];
  /** The page's main heading. */
  title: ReactNode;
  /** A line under the heading, e.g. the wave's name. */
  subtitle?: ReactNode;
  /** Who is signed in and a sign-out button, on pages behind a session. */
  account?: ReactNode;
  /** The authority a resident page belongs to: its accessibility statement names its contact. */
  authoritySlug?: string | null;
  children: ReactNode;
}

/** Where the accessibility statement is: the authority's, when the page belongs to one. */
export function statementHref(locale: RespondentLocale, authoritySlug?: string | null): string {
  return `${authoritySlug ? `/p/${authoritySlug}` : ""}/accessibility?lang=${locale}`;
}

/**
 * Header (titles, language buttons), the main landmark, and a footer linking the
 * accessibility statement, shared by every page.
 */
export function PageShell<L extends RespondentLocale>({
  locale,
  onLocaleChange,
  locales,
  title,
  subtitle,
  account,
  authoritySlug,
  children,
}: Props<L>) {
  const { t } = useTranslation("common");
  return (
    <>
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <header className="site-header">
        <div className="site-header__titles">
          <h1>{title}</h1>
          {subtitle ? <p>{subtitle}</p> : null}
        </div>
        <LanguageSwitcher locale={locale} onChange={onLocaleChange} locales={locales} />
        {account}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <a href={statementHref(locale, authoritySlug)} data-testid="accessibility-link">
          {t("accessibilityStatement")}
        </a>
      </footer>
    </>
  );
}
