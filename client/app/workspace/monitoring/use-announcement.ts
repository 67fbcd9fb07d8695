import { useEffect, useRef, useState } from "react";

/**
 * The sentence a polite live region reads when fresh data differs from what
 * was on screen: `describe(previous, next)` says what changed, or "" when
 * nothing a person cares about did. The first load is not announced, nor a
 * poll that changed nothing, so a screen reader is not talked over every ten
 * seconds.
 */
export function useAnnouncement<T>(data: T | null, describe: (prev: T, next: T) => string) {
  const previous = useRef<T | null>(null);
  const [message, setMessage] = useState("");
  useEffect(() => {
    if (data === null) return;
    const prev = previous.current;
    previous.current = data;
    if (prev === null) return;
    const said = describe(prev, data);
    if (said) setMessage(said);
    // `describe` is rebuilt each render; only new data should speak
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data]);
  return message;
}
