import type { NextFunction, Request, Response } from "express";
import { UnsafeKeyError } from "../errors";

/** Deeper input than this is refused outright: no legitimate request nests so far. */
const MAX_DEPTH = 32;

/**
 * Path of the first key in a value that could act as a query operator (`$gt`, or
 * `a[$gt]` as a query-string parser in extended mode would read it),
 * a dotted path (`a.b`), or a prototype (`__proto__`, `constructor`, `prototype`),
 * or undefined when every key is plain.
 */
export function findUnsafeKey(value: unknown, path = "", depth = 0): string | undefined {
  const found = unsafeIn(value, depth);
  return found && [path, ...found.reverse()].filter(Boolean).join("").replace(/^\./, "");
}

function isUnsafe(key: string): boolean {
  return (
    key.startsWith("$") ||
    key.includes(".") ||
    key.includes("[$") || // bracket notation of an operator, e.g. ?lang[$ne]=he
    key === "__proto__" ||
    key === "constructor" ||
    key === "prototype"
  );
}

/**
 * The path to the first unsafe key as parts, innermost first (`.key` or `[i]`), or
 * undefined. Paths are spelt out only on the way back from a find: every request
 * body passes through here, and nearly all of them hold nothing unsafe.
 */
function unsafeIn(value: unknown, depth: number): string[] | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  if (depth > MAX_DEPTH) return [];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = unsafeIn(value[i], depth + 1);
      if (found) return [...found, `[${i}]`];
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (isUnsafe(key)) return [`.${key}`];
    const found = unsafeIn((value as Record<string, unknown>)[key], depth + 1);
    if (found) return [...found, `.${key}`];
  }
  return undefined;
}

/**
 * Refuses any request whose body or query holds an unsafe key, before a route
 * or a query sees it. mongoose's sanitizeFilter is the second line behind this.
 */
export function rejectUnsafeKeys(req: Request, _res: Response, next: NextFunction): void {
  const inBody = findUnsafeKey(req.body, "body");
  const inQuery = inBody ? undefined : findUnsafeKey(req.query, "query");
  const found = inBody ?? inQuery;
  next(found ? new UnsafeKeyError(found) : undefined);
}
