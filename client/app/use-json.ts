import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getJson } from "../shared/api";

export type Loaded<T> =
  { kind: "loading" } | { kind: "ready"; data: T } | { kind: "failed"; error: unknown };

/**
 * GETs a JSON resource through the shared query cache (client/app/query-client.ts),
 * keyed by its URL: a screen opened again shows what it last read while it
 * reads again, and refetches when the URL changes (e.g. `?lang=`). A null URL
 * loads nothing. The previous data stays on screen until the new data arrives.
 */
export function useJson<T>(url: string | null): [Loaded<T>, () => void] {
  const query = useQuery({
    queryKey: ["json", url],
    queryFn: ({ signal }) => getJson<T>(url!, signal),
    enabled: url !== null,
    placeholderData: keepPreviousData,
  });
  const retry = () => void query.refetch();
  if (query.isError) return [{ kind: "failed", error: query.error }, retry];
  if (query.data !== undefined) return [{ kind: "ready", data: query.data }, retry];
  return [{ kind: "loading" }, retry];
}
