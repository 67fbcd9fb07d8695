import { useEffect } from "react";

/**
 * While `unsaved` is true, leaving the page (a link, reload, closing the tab)
 * asks the browser's "leave the page?" first. Every workspace link is a full
 * page load, so this one guard covers navigation too.
 */
export function useLeaveGuard(unsaved: boolean): void {
  useEffect(() => {
    if (!unsaved) return;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older Chromium needs returnValue set to show the prompt.
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [unsaved]);
}
