import type { i18n } from "i18next";
import { useCallback, useEffect, useState } from "react";
import { flushQueue, reportQueue } from "./api";
import { pendingCount } from "./offline-queue";

const FLUSH_EVERY_MS = 15_000;

/**
 * The tablet's queue of encrypted answers: sent when the network comes back,
 * every 15 s, and whenever `flush` is called; `pending` is what is still on
 * the tablet and `online` what the browser says of the network.
 */
export function useKioskQueue(i18n: i18n) {
  const [pending, setPending] = useState(() => pendingCount());
  const [online, setOnline] = useState(() => navigator.onLine);

  const flush = useCallback(async () => {
    await flushQueue().catch(() => undefined);
    setPending(pendingCount());
    // After each attempt to send: what is left is what the workspace shows as queued.
    await reportQueue(i18n.language).catch(() => undefined);
  }, [i18n]);

  useEffect(() => {
    const up = () => {
      setOnline(true);
      void flush();
    };
    const down = () => setOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    const timer = window.setInterval(() => void flush(), FLUSH_EVERY_MS);
    void flush();
    return () => {
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
      window.clearInterval(timer);
    };
  }, [flush]);

  const counted = useCallback(() => setPending(pendingCount()), []);
  return { pending, online, flush, counted };
}
