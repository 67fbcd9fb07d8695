import type { i18n } from "i18next";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../shared/locale";
import { useLocale } from "../shared/use-locale";
import { AuthorityList } from "./AuthorityList";

// chart.js loads only with the results page, not with the list of authorities.
const ResultsPage = lazy(() => import("./results/ResultsPage"));

/** The slug of `/results/<slug>`; null for any other path. */
export function resultsSlug(pathname: string): string | null {
  const match = /^\/results\/([a-z0-9-]{2,60})\/?$/.exec(pathname);
  return match ? match[1]! : null;
}

interface Props {
  i18n: i18n;
  initialLocale: Locale;
}

/** Routes of the main entry: `/results/<slug>`, else the list of authorities. */
export function App({ i18n, initialLocale }: Props) {
  const { t } = useTranslation("common");
  const [locale, setLocale] = useLocale(i18n, initialLocale);
  const slug = resultsSlug(window.location.pathname);
  if (slug) {
    return (
      <Suspense fallback={<p role="status">{t("loading")}</p>}>
        <ResultsPage slug={slug} locale={locale} onLocaleChange={setLocale} />
      </Suspense>
    );
  }
  return <AuthorityList locale={locale} onLocaleChange={setLocale} />;
}
