import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { getJson } from "../shared/api";

export type Loaded<T> =
  { kind: "loading" } | { kind: "ready"; data: T } | { kind: "failed"; error: unknown };

/**
 * GETs a JSON resource through the shared query cache (client/app/query-client.ts),
 * keyed by its URL: a screen opened again shows what it last read while it
 * reads again, and refetches when the URL changes (e.g. `?lang=`). A null URL
 * loads nothing. The previous data stays on screen until the new data arrives.
 *
 * The answer is the same object until what was read changes: screens copy it
 * into their own state in an effect on it, and a new object each render would
 * put the read copy back over every change made since.
 */
export function useJson<T>(
  url: string | null,
  options: {
    /** Reads again after this many ms while the last answer asks for it (false: not again). */
    pollMs?: (data: T) => number | false;
  } = {},
): [Loaded<T>, () => void] {
  const { pollMs } = options;
  const query = useQuery({
    queryKey: ["json", url],
    queryFn: ({ signal }) => getJson<T>(url!, signal),
    enabled: url !== null,
    placeholderData: keepPreviousData,
    refetchInterval: pollMs
      ? (q) => (q.state.data === undefined ? false : pollMs(q.state.data))
      : false,
  });
  const { isError, error, data, refetch } = query;
  const loaded = useMemo<Loaded<T>>(() => {
    if (isError) return { kind: "failed", error };
    if (data !== undefined) return { kind: "ready", data };
    return { kind: "loading" };
  }, [isError, error, data]);
  const retry = useCallback(() => void refetch(), [refetch]);
  return [loaded, retry];
}
