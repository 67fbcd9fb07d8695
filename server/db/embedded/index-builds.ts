import type { Logger } from "pino";
import type { Engine } from "./engine";

/** Documents hashed per turn of the event loop: short enough that commands in between wait little. */
const SLICE = 4096;

/**
 * Builds the indexes a reopen left to build (Index.defer) a slice at a time
 * between the commands the store answers, so a large store answers as soon as
 * its documents and unique indexes are back. A command that needs one of them
 * before then finishes that one's build first (Index.lookup). Returns a
 * function that stops the builds (on close).
 */
export function buildDeferredIndexes(engine: Engine, logger?: Logger): () => void {
  const started = performance.now();
  let timer: NodeJS.Immediate | undefined;
  const step = () => {
    timer = undefined;
    if (!engine.buildDeferredIndexes(SLICE)) {
      timer = setImmediate(step);
      return;
    }
    logger?.info(
      { ms: Math.round(performance.now() - started) },
      "built the indexes left to build after reopening",
    );
  };
  if (!engine.buildDeferredIndexes(0)) timer = setImmediate(step);
  return () => {
    if (timer) clearImmediate(timer);
    timer = undefined;
  };
}
