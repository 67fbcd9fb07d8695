import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Seconds without a touch before the statement gives the tablet back to the kiosk. */
function idleMs(): number {
  const v = Number(new URLSearchParams(window.location.search).get("idle"));
  return (Number.isFinite(v) && v >= 1 && v <= 600 ? v : 90) * 1000;
}

const back = () => window.location.assign("/kiosk");

/** True when the statement was opened from a kiosk (client/kiosk/statement-link.ts). */
export function openedFromKiosk(): boolean {
  return new URLSearchParams(window.location.search).get("from") === "kiosk";
}

/**
 * On a kiosk's tablet the statement is a page of its own, with no way back to
 * the survey and no idle reset: this gives both, so the next resident never
 * finds the tablet stuck on it.
 */
export function KioskReturn() {
  const { t } = useTranslation("public");
  useEffect(() => {
    const ms = idleMs();
    let timer = window.setTimeout(back, ms);
    const touched = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(back, ms);
    };
    const events = ["pointerdown", "keydown", "scroll"] as const;
    for (const e of events) window.addEventListener(e, touched, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, touched);
    };
  }, []);
  return (
    <p>
      <a className="button" href="/kiosk" data-testid="back-to-kiosk">
        {t("a11y.backToKiosk")}
      </a>
    </p>
  );
}
