import { useCallback, useEffect, useRef, useState } from "react";

/**
 * Inactivity on a shared tablet: after `idleMs` without a touch, key or scroll
 * a warning counts down `warnMs`; any activity (or "still here") cancels it, and
 * at zero `onTimeout` runs. Returns the seconds left while warning, else null.
 */
export function useIdle(
  enabled: boolean,
  idleMs: number,
  warnMs: number,
  onTimeout: () => void,
): { secondsLeft: number | null; stillHere: () => void } {
  const [deadline, setDeadline] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const idleTimer = useRef<number | undefined>(undefined);
  const timeout = useRef(onTimeout);
  useEffect(() => {
    timeout.current = onTimeout;
  }, [onTimeout]);

  const arm = useCallback(() => {
    window.clearTimeout(idleTimer.current);
    setDeadline(null);
    if (!enabled) return;
    idleTimer.current = window.setTimeout(() => setDeadline(Date.now() + warnMs), idleMs);
  }, [enabled, idleMs, warnMs]);

  useEffect(() => {
    arm();
    if (!enabled) return;
    const events = ["pointerdown", "keydown", "wheel", "touchstart"] as const;
    // While the warning shows, only its button counts: a stray touch must not hide it silently.
    const onActivity = () => {
      if (deadlineRef.current === null) arm();
    };
    for (const e of events) window.addEventListener(e, onActivity, { passive: true });
    return () => {
      window.clearTimeout(idleTimer.current);
      for (const e of events) window.removeEventListener(e, onActivity);
    };
  }, [enabled, arm]);

  const deadlineRef = useRef<number | null>(null);
  useEffect(() => {
    deadlineRef.current = deadline;
    if (deadline === null) return;
    const tick = window.setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= deadline) {
        window.clearInterval(tick);
        setDeadline(null);
        timeout.current();
      }
    }, 250);
    return () => window.clearInterval(tick);
  }, [deadline]);

  return {
    secondsLeft: deadline === null ? null : Math.max(0, Math.ceil((deadline - now) / 1000)),
    stillHere: arm,
  };
}
