import type { i18n } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { RESPONDENT_LOCALES, type RespondentLocale } from "../shared/locale";
import { AccessibilityStatement } from "./AccessibilityStatement";
import { PageShell } from "../shared/PageShell";
import { useLocale } from "../shared/use-locale";
import { routeOf } from "./public-route";
import { TransparencyPage } from "./TransparencyPage";
import { WithdrawPage } from "./WithdrawPage";

/** The platform's public pages: an authority's transparency page, and withdrawing a sign-up. */
export function PublicApp({
  i18n,
  initialLocale,
}: {
  i18n: i18n;
  initialLocale: RespondentLocale;
}) {
  const { t } = useTranslation("public");
  const [locale, setLocale] = useLocale(i18n, initialLocale);
  const [route] = useState(() => routeOf(window.location.pathname));
  return (
    <PageShell
      locale={locale}
      onLocaleChange={setLocale}
      locales={RESPONDENT_LOCALES}
      title={
        route?.kind === "accessibility"
          ? t("a11y.title")
          : route?.kind === "withdraw"
            ? t("take:signup.withdrawTitle")
            : t("pageTitle")
      }
      authoritySlug={route && "slug" in route ? route.slug : null}
    >
      {route?.kind === "accessibility" ? (
        <AccessibilityStatement slug={route.slug} locale={locale} />
      ) : route?.kind === "page" ? (
        <TransparencyPage slug={route.slug} locale={locale} />
      ) : route?.kind === "withdraw" ? (
        <WithdrawPage token={route.token} />
      ) : (
        <p role="alert">{t("notFound")}</p>
      )}
    </PageShell>
  );
}
