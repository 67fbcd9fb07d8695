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
  if (depth > MAX_DEPTH) return path || "(root)";
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findUnsafeKey(v, `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === "object") {
    for (const key of Object.keys(value)) {
      const here = path ? `${path}.${key}` : key;
      if (
        key.startsWith("$") ||
        key.includes(".") ||
        key.includes("[$") || // bracket notation of an operator, e.g. ?lang[$ne]=he
        key === "__proto__" ||
        key === "constructor" ||
        key === "prototype"
      ) {
        return here;
      }
      const found = findUnsafeKey((value as Record<string, unknown>)[key], here, depth + 1);
      if (found) return found;
    }
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
