import { startTransition, useEffect, useState } from "react";

/** Runs when the browser has nothing better to do (or soon, where it cannot say). */
function whenIdle(run: () => void): void {
  if (typeof window.requestIdleCallback === "function")
    window.requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 200);
}

/**
 * Starts loading the survey engine (`load`) as soon as the page runs, and turns
 * true once it has arrived and the browser is idle: the second page can then be
 * drawn, hidden, while the first is read, so turning it only shows what is
 * ready instead of building the survey under the resident's finger.
 */
export function useRunnerReady(load: () => Promise<unknown>): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let cancelled = false;
    load().then(
      () => whenIdle(() => !cancelled && startTransition(() => setReady(true))),
      () => undefined, // the page turn asks again, and shows the failure
    );
    return () => {
      cancelled = true;
    };
  }, [load]);
  return ready;
}
