import type { RespondentLocale } from "../shared/locale";
import { statementHref } from "../shared/PageShell";

/**
 * The accessibility statement as a kiosk links it: marked as opened from the
 * kiosk (the statement then offers the way back, and goes back by itself after
 * the kiosk's own idle time, so a tablet is never left on it).
 */
export function kioskStatementHref(
  locale: RespondentLocale,
  authoritySlug?: string | null,
): string {
  const idle = new URLSearchParams(window.location.search).get("idle");
  const back = new URLSearchParams({ from: "kiosk", ...(idle ? { idle } : {}) });
  return `${statementHref(locale, authoritySlug)}&${back.toString()}`;
}
