/**
 * The test stores a file opened and has not closed yet, kept on the test file's
 * global so the jest environment (test/helpers/environment.ts) can close the
 * ones a file forgot: each close function, with the test file that opened it.
 */
export type OpenStores = Map<() => Promise<void>, string>;

/** The key of the map on the test file's global object. */
export const OPEN_STORES = "__kehilaOpenTestStores";

/** Notes an open store; the returned function forgets it again (call it once closed). */
export function trackOpenStore(close: () => Promise<void>): () => void {
  const g = globalThis as unknown as Record<string, OpenStores | undefined>;
  const open = (g[OPEN_STORES] ??= new Map());
  const file = typeof expect === "function" ? expect.getState().testPath : undefined;
  open.set(close, file ?? "a test file");
  return () => open.delete(close);
}

/**
 * Closes the stores a test file left open, naming it. Jest's environment does
 * this after a file (test/helpers/environment.ts); in a group of files sharing
 * one environment (test/helpers/file-groups.ts) it runs after each member, so
 * the next member does not find the last one's connection still open.
 */
export async function closeOpenStores(file: string): Promise<void> {
  const open = (globalThis as unknown as Record<string, OpenStores | undefined>)[OPEN_STORES];
  if (!open || open.size === 0) return;
  console.warn(
    `${open.size} test store(s) left open by ${file}: closed after it; close them in afterAll`,
  );
  for (const close of [...open.keys()]) await close().catch(() => undefined);
}
