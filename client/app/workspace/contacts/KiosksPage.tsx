import "./contacts.css";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { LoadFailed } from "../../LoadFailed";
import type { SessionInfo } from "../../session";
import { useJson } from "../../use-json";
import { hrefOf } from "../routes";
import { KioskManager } from "./KioskManager";
import { AccessibilityContactForm } from "../authority/AccessibilityContactForm";
import { useAppLocale } from "../../locale-context";

interface Props {
  slug: string | null;
  session: SessionInfo;
}

/**
 * `/workspace/kiosks` picks an authority (a coordinator goes straight to their
 * own); `/workspace/kiosks/<slug>` lists its tablets, registers a new one,
 * shows pairing codes and revokes.
 */
export function KiosksPage({ slug, session }: Props) {
  const { locale } = useAppLocale();
  const own = session.user.authority?.slug ?? null;
  useEffect(() => {
    if (slug === null && own) window.location.replace(hrefOf(`/workspace/kiosks/${own}`, locale));
  }, [slug, own, locale]);
  // The authority's own settings, under its tablets: whom residents ask about accessibility.
  if (slug !== null)
    return (
      <>
        <KioskManager slug={slug} />
        {["admin", "researcher"].includes(session.user.role) ? (
          <AccessibilityContactForm slug={slug} />
        ) : null}
      </>
    );
  if (own) return null; // on the way to the coordinator's own authority
  return <AuthorityChoice />;
}

function AuthorityChoice() {
  const { t } = useTranslation("ws-contacts");
  const { locale } = useAppLocale();
  const [state, retry] = useJson<Array<{ slug: string; name: string }>>(
    `/api/authorities?lang=${locale}`,
  );
  if (state.kind === "failed") return <LoadFailed error={state.error} onRetry={retry} />;
  if (state.kind === "loading") return <p role="status">{t("common:loading")}</p>;
  return (
    <nav aria-labelledby="ct-pick-h" data-testid="kiosk-authorities">
      <p id="ct-pick-h">{t("kiosks.pickAuthority")}</p>
      <ul className="ws-cards">
        {state.data.map((a) => (
          <li key={a.slug}>
            <a
              href={hrefOf(`/workspace/kiosks/${a.slug}`, locale)}
              data-testid={`kiosks-${a.slug}`}
            >
              <strong>{a.name}</strong>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
