import { useEffect, useState } from "react";
import { getJson } from "../shared/api";

export type Loaded<T> =
  { kind: "loading" } | { kind: "ready"; data: T } | { kind: "failed"; error: unknown };

/**
 * GETs a JSON resource and refetches when the URL changes (e.g. `?lang=`); a null
 * URL loads nothing.
 * The previous data stays on screen until the new data arrives.
 */
export function useJson<T>(url: string | null): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (url === null) return; // nothing to load (yet)
    const abort = new AbortController();
    getJson<T>(url, abort.signal).then(
      (data) => setState({ kind: "ready", data }),
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ kind: "failed", error });
      },
    );
    return () => abort.abort();
  }, [url, attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}
