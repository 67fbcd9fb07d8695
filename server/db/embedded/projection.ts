import type { Document } from "bson";
import { CommandFault } from "./errors";
import { Query } from "./mingo";
import { QUERY_OPTIONS } from "./query";
import { isDocument } from "./values";

/**
 * The projection of find and findAndModify, as MongoDB applies it: inclusion
 * or exclusion (never both, but `_id` may go either way), `$slice` beside
 * either, the positional `arr.$` and `$elemMatch` returning the first element
 * that matches, and the fields in document order (so `_id` first). A
 * projection that computes fields (`"$a"`, `{ $literal: 1 }`) is left to the
 * aggregation engine: {@link projectionPlan} answers undefined for it.
 */

type Rule =
  | { kind: "include" }
  | { kind: "exclude" }
  | { kind: "slice"; skip: number; limit: number | undefined }
  | { kind: "elemMatch"; query: Query }
  | { kind: "positional" };

/** A projection made ready to apply to many documents. */
export interface ProjectionPlan {
  mode: "include" | "exclude";
  idIncluded: boolean;
  /** Rules by dotted path (positional ones without their `.$`). */
  rules: Map<string, Rule>;
}

function truthy(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  const t = (value as { _bsontype?: string } | null)?._bsontype;
  if (t === "Int32" || t === "Double" || t === "Long" || t === "Decimal128")
    return Number(String(value)) !== 0;
  return undefined;
}

function sliceRule(arg: unknown): Rule {
  if (typeof arg === "number")
    return arg >= 0
      ? { kind: "slice", skip: 0, limit: arg }
      : { kind: "slice", skip: arg, limit: undefined };
  if (Array.isArray(arg) && arg.length === 2 && arg.every((n) => typeof n === "number")) {
    const [skip, limit] = arg as [number, number];
    if (limit <= 0)
      throw new CommandFault(
        28724,
        "Location28724",
        "Second argument to $slice must be a positive number",
      );
    return { kind: "slice", skip, limit };
  }
  throw new CommandFault(
    28667,
    "Location28667",
    "First argument to $slice must be an array, but is of type: " + typeof arg,
  );
}

/** Flattens nested projection documents (`{ a: { b: 1 } }` is `{ "a.b": 1 }`). */
function flatten(spec: Document, prefix = "", out: [string, unknown][] = []): [string, unknown][] {
  for (const [key, value] of Object.entries(spec)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (
      isDocument(value) &&
      Object.keys(value).length > 0 &&
      !Object.keys(value)[0]!.startsWith("$")
    )
      flatten(value, path, out);
    else out.push([path, value]);
  }
  return out;
}

/**
 * The plan of a find projection, or undefined when it computes fields (an
 * expression MongoDB evaluates like an aggregation `$project`).
 */
export function projectionPlan(spec: Document): ProjectionPlan | undefined {
  const rules = new Map<string, Rule>();
  let includes = false;
  let excludes = false;
  let idIncluded = true;
  for (const [path, value] of flatten(spec)) {
    if (path === "_id" && truthy(value) !== undefined) {
      idIncluded = truthy(value)!;
      continue;
    }
    if (path.endsWith(".$")) {
      rules.set(path.slice(0, -2), { kind: "positional" });
      includes = true;
      continue;
    }
    const flag = truthy(value);
    if (flag === true) {
      rules.set(path, { kind: "include" });
      includes = true;
    } else if (flag === false) {
      rules.set(path, { kind: "exclude" });
      excludes = true;
    } else if (isDocument(value) && Object.keys(value).length === 1 && "$slice" in value) {
      rules.set(path, sliceRule(value.$slice));
    } else if (isDocument(value) && Object.keys(value).length === 1 && "$elemMatch" in value) {
      if (!isDocument(value.$elemMatch))
        throw new CommandFault(2, "BadValue", "elemMatch: Invalid argument, object required.");
      rules.set(path, { kind: "elemMatch", query: elementQuery(value.$elemMatch) });
      includes = true;
    } else return undefined;
    if (includes && excludes) {
      throw flag === false
        ? new CommandFault(
            31254,
            "Location31254",
            `Cannot do exclusion on field ${path} in inclusion projection`,
          )
        : new CommandFault(
            31253,
            "Location31253",
            `Cannot do inclusion on field ${path} in exclusion projection`,
          );
    }
  }
  // A projection of only `$slice`s (or nothing but _id: 0) keeps every other field.
  return { mode: includes ? "include" : "exclude", idIncluded, rules };
}

/** An `$elemMatch` condition: a query on a document element, or on the value (`{ $gt: 1 }`). */
function elementQuery(cond: Document): Query {
  const onValue = Object.keys(cond).some(
    (k) => k.startsWith("$") && !["$and", "$or", "$nor"].includes(k),
  );
  return new Query({ e: { $elemMatch: onValue ? cond : cond } }, QUERY_OPTIONS);
}

function firstMatch(query: Query, array: unknown[]): unknown[] | undefined {
  for (const element of array) if (query.test({ e: [element] })) return [element];
  return undefined;
}

function slice(value: unknown, rule: Extract<Rule, { kind: "slice" }>): unknown {
  if (!Array.isArray(value)) return value;
  const start =
    rule.skip < 0 ? Math.max(0, value.length + rule.skip) : Math.min(rule.skip, value.length);
  return rule.limit === undefined ? value.slice(start) : value.slice(start, start + rule.limit);
}

/** The element position the query matched in the array at `path`, for `arr.$`. */
function positional(filter: Document | undefined, path: string, array: unknown[]): unknown[] {
  const conditions: Document = {};
  for (const [key, value] of Object.entries(filter ?? {}))
    if (key === path || key.startsWith(`${path}.`)) conditions[key] = value;
  if (Object.keys(conditions).length === 0) {
    throw new CommandFault(
      51246,
      "Location51246",
      "Executor error during find command :: caused by :: positional operator '.$' couldn't find a matching element in the array",
    );
  }
  const query = new Query(conditions, QUERY_OPTIONS);
  const parts = path.split(".");
  for (const element of array) {
    const probe: Document = {};
    let at = probe;
    for (const part of parts.slice(0, -1)) at = at[part] = {};
    at[parts[parts.length - 1]!] = [element];
    if (query.test(probe)) return [element];
  }
  return [];
}

/** The rules below `prefix`, with the prefix taken off their paths. */
function childRules(rules: Map<string, Rule>, prefix: string): Map<string, Rule> {
  const out = new Map<string, Rule>();
  for (const [path, rule] of rules)
    if (path.startsWith(`${prefix}.`)) out.set(path.slice(prefix.length + 1), rule);
  return out;
}

function own(doc: Document, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(doc, key);
}

function put(doc: Document, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(doc, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else doc[key] = value;
}

/** Applies the rules to one level of a document (or to each document of an array). */
function applyLevel(
  value: unknown,
  rules: Map<string, Rule>,
  mode: "include" | "exclude",
  ctx: { filter?: Document; path: string },
): unknown {
  if (Array.isArray(value)) {
    const out = value.map((v) => applyLevel(v, rules, mode, ctx));
    return mode === "include" ? out.filter((v) => isDocument(v)) : out;
  }
  if (!isDocument(value)) return value;
  const out: Document = {};
  const later: [string, unknown][] = [];
  for (const key of Object.keys(value)) {
    const rule = rules.get(key);
    const children = childRules(rules, key);
    const field = value[key];
    const path = ctx.path ? `${ctx.path}.${key}` : key;
    if (rule?.kind === "exclude") continue;
    if (rule?.kind === "include") put(out, key, field);
    else if (rule?.kind === "slice") put(out, key, slice(field, rule));
    else if (rule?.kind === "positional") {
      if (Array.isArray(field)) put(out, key, positional(ctx.filter, path, field));
    } else if (rule?.kind === "elemMatch") {
      // $elemMatch fields come after the other fields, whatever their place in the document.
      const match = Array.isArray(field) ? firstMatch(rule.query, field) : undefined;
      if (match) later.push([key, match]);
    } else if (children.size > 0) {
      const projected = applyLevel(field, children, mode, { ...ctx, path });
      if (mode === "exclude" || isDocument(projected) || Array.isArray(projected))
        put(out, key, projected);
    } else if (mode === "exclude") put(out, key, field);
  }
  for (const [key, v] of later) put(out, key, v);
  return out;
}

/** Applies a projection plan to one document; `filter` is the query, for `arr.$`. */
export function project(doc: Document, plan: ProjectionPlan, filter?: Document): Document {
  const out = applyLevel(doc, plan.rules, plan.mode, { filter, path: "" }) as Document;
  if (plan.mode === "include" && plan.idIncluded && doc._id !== undefined && !own(out, "_id"))
    return { _id: doc._id, ...out };
  if (!plan.idIncluded) delete out._id;
  return out;
}
