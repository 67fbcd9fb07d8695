import { QueryClient } from "@tanstack/react-query";

/**
 * The main entry's one cache of server reads. Every read is refetched when a
 * screen mounts (data saved elsewhere shows at once), while the last answer
 * stays on screen meanwhile. A failed read is not retried on its own: the
 * screens show the error with a retry button, and a 403/404 has its own page.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 0, retry: false, refetchOnWindowFocus: false },
    },
  });
}
