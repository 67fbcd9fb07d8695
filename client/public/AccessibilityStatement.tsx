import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AccessibilityStatement as Statement } from "../../server/web/accessibility-schema";
import { getJson } from "../shared/api";
import type { RespondentLocale } from "../shared/locale";
import { KioskReturn, openedFromKiosk } from "./KioskReturn";

/**
 * The day this statement was last checked against the pages (IS 5568 asks for
 * it): the contrast, kiosk and statement browser tests ran on that day.
 */
export const STATEMENT_REVIEWED = "2026-12-05";

/** The points the pages conform on, and their known limits (keys in public.json `a11y`). */
const CONFORMS = ["standard", "language", "keyboard", "contrast", "zoom", "time", "fonts"] as const;
const LIMITS = ["kiosk", "charts", "languages", "surveyText"] as const;

/**
 * The accessibility statement of the resident pages (הצהרת נגישות, بيان الإتاحة),
 * as the service accessibility regulations require of a public service's site:
 * what conforms, the known limits, whom to ask, and when it was last reviewed.
 * With an authority (`/p/<slug>/accessibility`) the contact is the one that
 * authority gave; never a made-up person.
 */
export function AccessibilityStatement({
  slug,
  locale,
}: {
  slug: string | null;
  locale: RespondentLocale;
}) {
  const { t } = useTranslation("public");
  const [data, setData] = useState<Statement | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!slug) return;
    const abort = new AbortController();
    getJson<Statement>(
      `/api/public/authorities/${slug}/accessibility?lang=${locale}`,
      abort.signal,
    ).then(setData, () => {
      if (!abort.signal.aborted) setFailed(true);
    });
    return () => abort.abort();
  }, [slug, locale]);
  useEffect(() => {
    document.title = t("a11y.title");
  }, [t]);
  const date = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, {
    dateStyle: "long",
  }).format(new Date(STATEMENT_REVIEWED));
  const contact = data?.contact;
  const [fromKiosk] = useState(openedFromKiosk);
  return (
    <article className="pub statement" data-testid="accessibility-statement">
      {fromKiosk ? <KioskReturn /> : null}
      <h2>{t("a11y.title")}</h2>
      <p>{t("a11y.intro")}</p>
      <section aria-labelledby="a11y-conforms">
        <h3 id="a11y-conforms">{t("a11y.conformsTitle")}</h3>
        <ul>
          {CONFORMS.map((k) => (
            <li key={k}>{t(`a11y.conforms.${k}`)}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="a11y-limits">
        <h3 id="a11y-limits">{t("a11y.limitsTitle")}</h3>
        <ul>
          {LIMITS.map((k) => (
            <li key={k}>{t(`a11y.limits.${k}`)}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="a11y-contact" data-testid="accessibility-contact">
        <h3 id="a11y-contact">{t("a11y.contactTitle")}</h3>
        <p>{t("a11y.contactIntro")}</p>
        {contact ? (
          <p>
            {t("a11y.contactOf", { role: contact.role, authority: data.authority.name })}
            {contact.email ? (
              <>
                {" "}
                <a href={`mailto:${contact.email}`} dir="ltr">
                  {contact.email}
                </a>
              </>
            ) : null}
            {contact.phone ? (
              <>
                {" "}
                <a href={`tel:${contact.phone.replace(/[ -]/g, "")}`} dir="ltr">
                  {contact.phone}
                </a>
              </>
            ) : null}
          </p>
        ) : (
          <p>
            {data
              ? t("a11y.contactAuthority", { authority: data.authority.name })
              : failed || !slug
                ? t("a11y.contactAny")
                : t("loading")}
          </p>
        )}
      </section>
      <p className="statement__date">{t("a11y.reviewed", { date })}</p>
    </article>
  );
}
