import type { Logger } from "pino";
import type { Engine } from "./engine";

/** Documents loaded or hashed per turn of the event loop: short enough that commands in between wait little. */
const SLICE = 4096;

/**
 * The work a reopen leaves for after the store answers, a slice at a time
 * between the commands it answers: first the documents still in the snapshot
 * are copied into memory (DocumentSlabs.loadSome), then the indexes left to
 * build are built (Index.defer). A command that needs either before then does
 * that part itself (a read that walks many documents loads them all; a lookup
 * finishes its index's build). Returns a function that stops the work (on close).
 */
export function finishReopen(engine: Engine, logger?: Logger): () => void {
  const started = performance.now();
  const done = (msg: string) => logger?.info({ ms: Math.round(performance.now() - started) }, msg);
  // A new store has nothing left to load or build: no work, and no log lines.
  let loaded = engine.loadDocuments(0);
  let timer: NodeJS.Immediate | undefined;
  const step = () => {
    timer = undefined;
    if (!loaded) {
      loaded = engine.loadDocuments(SLICE);
      if (loaded) done("loaded the documents left in the snapshot after reopening");
    } else if (engine.buildDeferredIndexes(SLICE)) {
      return done("built the indexes left to build after reopening");
    }
    timer = setImmediate(step);
  };
  if (!loaded || !engine.buildDeferredIndexes(0)) timer = setImmediate(step);
  return () => {
    if (timer) clearImmediate(timer);
    timer = undefined;
  };
}
