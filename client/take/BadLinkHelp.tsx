import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AccessibilityStatement } from "../../server/web/accessibility-schema";
import { getJson } from "../shared/api";
import type { RespondentLocale } from "../shared/locale";
import { statementHref } from "../shared/PageShell";

interface Props {
  /** The open link's slug, when the address had one: its authority can be named. */
  slug: string | null;
  locale: RespondentLocale;
}

/**
 * Under a link that opens no survey (bad, expired, reissued, unknown): whom to
 * ask, so the page is not a dead end. An open link names its authority and the
 * contact it gave; a personal link (its token says nothing once reissued) or an
 * unknown one points to the local authority and the accessibility statement.
 */
export function BadLinkHelp({ slug, locale }: Props) {
  const { t } = useTranslation("take");
  const [found, setFound] = useState<AccessibilityStatement | null>(null);
  useEffect(() => {
    if (!slug) return;
    const abort = new AbortController();
    getJson<AccessibilityStatement>(
      `/api/public/links/${slug}/contact?lang=${locale}`,
      abort.signal,
    )
      // Nothing more to say than the general advice below.
      .then(setFound, () => undefined);
    return () => abort.abort();
  }, [slug, locale]);
  const contact = found?.contact;
  return (
    <section className="bad-link-help" data-testid="bad-link-help" aria-labelledby="bad-link-help">
      <h2 id="bad-link-help">{t("help.title")}</h2>
      {found ? (
        <p>
          {contact
            ? t("help.contactOf", { role: contact.role, authority: found.authority.name })
            : t("help.authority", { authority: found.authority.name })}
          {contact?.email ? (
            <>
              {" "}
              <a href={`mailto:${contact.email}`} dir="ltr">
                {contact.email}
              </a>
            </>
          ) : null}
          {contact?.phone ? (
            <>
              {" "}
              <a href={`tel:${contact.phone.replace(/[ -]/g, "")}`} dir="ltr">
                {contact.phone}
              </a>
            </>
          ) : null}
        </p>
      ) : (
        <p>{t("help.any")}</p>
      )}
      <p>
        <a href={statementHref(locale, found?.authority.slug)}>{t("help.statement")}</a>
      </p>
    </section>
  );
}
