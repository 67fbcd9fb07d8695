import { useEffect, useRef } from "react";

/**
 * Opens the disclosure while the page prints and restores it afterwards: a
 * closed one prints as its heading alone, and a printed report is read without
 * anything to click.
 */
export function useOpenForPrint() {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    let wasOpen = false;
    const before = () => {
      if (!ref.current) return;
      wasOpen = ref.current.open;
      ref.current.open = true;
    };
    const after = () => {
      if (ref.current) ref.current.open = wasOpen;
    };
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    return () => {
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", after);
    };
  }, []);
  return ref;
}
