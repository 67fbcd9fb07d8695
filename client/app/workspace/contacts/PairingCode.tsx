import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { countdown } from "./time";

interface Props {
  kioskId: string;
  label: string;
  pairingCode: string;
  pairingExpiresAt: string;
  onClose: () => void;
}

/**
 * A pairing code shown large, to be read off the screen and typed on the
 * tablet, with the time it has left. The countdown ticks every second on
 * screen; screen readers hear it once a minute (and when it ran out).
 */
export function PairingCode({ label, pairingCode, pairingExpiresAt, onClose }: Props) {
  const { t } = useTranslation("ws-contacts");
  const [now, setNow] = useState(() => Date.now());
  const heading = useRef<HTMLHeadingElement>(null);
  const left = Date.parse(pairingExpiresAt) - now;
  const expired = left <= 0;
  useEffect(() => {
    heading.current?.focus();
  }, [pairingCode]);
  useEffect(() => {
    if (expired) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [expired]);
  const minutes = Math.ceil(left / 60_000);
  // Two groups of four digits are easier to read out and type.
  const grouped = `${pairingCode.slice(0, 4)} ${pairingCode.slice(4)}`;
  return (
    <section className="ct-pairing" aria-labelledby="ct-pairing-h" data-testid="pairing">
      <h3 id="ct-pairing-h" tabIndex={-1} ref={heading}>
        {t("pairing.title", { label })}
      </h3>
      <p>{t("pairing.help")}</p>
      <p className="ct-pairing__code" dir="ltr" data-testid="pairing-code">
        {expired ? <s>{grouped}</s> : grouped}
      </p>
      <p className="ct-pairing__time" data-testid="pairing-expiry">
        {expired ? (
          <strong>{t("pairing.expired")}</strong>
        ) : (
          <>
            {t("pairing.expiresIn")}{" "}
            <span role="timer" className="ct-pairing__clock">
              {countdown(left)}
            </span>
          </>
        )}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {expired ? t("pairing.expired") : t("pairing.minutesLeft", { count: minutes })}
      </p>
      <button type="button" className="button button--secondary" onClick={onClose}>
        {t("pairing.close")}
      </button>
    </section>
  );
}
