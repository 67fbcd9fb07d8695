import { useEffect } from "react";

/** The preview's chunk (survey-core and its React UI); the same promise each time. */
const load = () => import("./SurveyPreview");
let loading: ReturnType<typeof load> | undefined;
export const loadSurveyPreview = () => (loading ??= load());

/**
 * Fetches and compiles the preview's survey engine once the designer is idle,
 * so opening the Preview tab does not wait for it (issue 20: the preview under
 * 1 s). The designer's own work comes first: this waits for an idle moment.
 */
export function usePreloadPreview() {
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 1000));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    const id = idle(() => void loadSurveyPreview());
    return () => cancel(id);
  }, []);
}
