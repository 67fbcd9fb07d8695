import { useCallback, useEffect, useRef, useState } from "react";
import { getJson } from "../../../shared/api";

/** How often figures are fetched again while the page is visible. */
export const POLL_MS = 10_000;

export interface Live<T> {
  data: T | null;
  /** The last failure, cleared by the next success; the last data stays on screen. */
  error: unknown;
  /** When the data on screen was fetched. */
  updatedAt: Date | null;
  loading: boolean;
  refresh: () => void;
}

/**
 * GETs a JSON resource and again every POLL_MS while the tab is visible and
 * `paused` is false; a tab coming back into view is refreshed at once. A new
 * URL (a filter, a page) loads straight away; the old figures stay until then.
 */
export function useLive<T>(url: string | null, paused: boolean, every = POLL_MS): Live<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const inFlight = useRef<AbortController | null>(null);

  useEffect(() => {
    if (url === null) return;
    inFlight.current?.abort();
    const abort = new AbortController();
    inFlight.current = abort;
    setLoading(true);
    getJson<T>(url, abort.signal).then(
      (body) => {
        setData(body);
        setError(null);
        setUpdatedAt(new Date());
        setLoading(false);
      },
      (err: unknown) => {
        if (abort.signal.aborted) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => abort.abort();
  }, [url, tick]);

  useEffect(() => {
    if (paused || url === null) return;
    let timer: number | undefined;
    const schedule = () => {
      window.clearTimeout(timer);
      if (document.visibilityState === "visible")
        timer = window.setTimeout(() => setTick((n) => n + 1), every);
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") setTick((n) => n + 1);
      else window.clearTimeout(timer);
    };
    schedule();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
    // `updatedAt` restarts the wait after each answer, so polls never pile up
  }, [paused, url, every, updatedAt, error]);

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, updatedAt, loading, refresh };
}
