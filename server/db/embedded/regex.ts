import { BSONRegExp, type Document } from "bson";
import { CommandFault } from "./errors";
import { isDocument } from "./values";

/**
 * MongoDB's regular expressions in filters, as JavaScript RegExps. The store
 * keeps regular expressions as BSONRegExp (the driver's deserialiser would
 * turn option `s` into `g` and drop `x`), and a filter's are translated here
 * before the query engine sees them: `i`, `m` and `s` map to the same flags,
 * `x` (extended) drops unescaped white space and `#` comments from the pattern.
 */

/** The pattern with `x`'s white space and comments taken out (character classes kept). */
function stripExtended(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i]!;
    if (ch === "\\") {
      out += ch + (pattern[i + 1] ?? "");
      i += 1;
    } else if (inClass) {
      if (ch === "]") inClass = false;
      out += ch;
    } else if (ch === "[") {
      inClass = true;
      out += ch;
    } else if (ch === "#") {
      while (i < pattern.length && pattern[i] !== "\n") i += 1;
    } else if (!/\s/.test(ch)) out += ch;
  }
  return out;
}

/** A JavaScript RegExp for a MongoDB pattern and options. */
export function toRegExp(pattern: string, options: string): RegExp {
  let flags = "";
  let extended = false;
  for (const option of options) {
    if (option === "i" || option === "m" || option === "s") {
      if (!flags.includes(option)) flags += option;
    } else if (option === "x") extended = true;
    else if (option !== "u") {
      throw new CommandFault(51108, "Location51108", `invalid flag in regex options: ${option}`);
    }
  }
  try {
    return new RegExp(extended ? stripExtended(pattern) : pattern, flags);
  } catch (err) {
    throw new CommandFault(
      51091,
      "Location51091",
      `Regular expression is invalid: ${(err as Error).message}`,
    );
  }
}

function fromValue(value: unknown, extraOptions = ""): RegExp | undefined {
  if (value instanceof BSONRegExp) return toRegExp(value.pattern, value.options + extraOptions);
  if (value instanceof RegExp)
    return extraOptions ? toRegExp(value.source, value.flags + extraOptions) : value;
  if (typeof value === "string") return toRegExp(value, extraOptions);
  return undefined;
}

/**
 * A copy of a filter (or pipeline) with every BSONRegExp a JavaScript RegExp
 * and every `{ $regex, $options }` one RegExp; the filter itself when it has none.
 */
export function jsRegExps<T>(value: T): T {
  if (value instanceof BSONRegExp) return fromValue(value) as T;
  if (Array.isArray(value)) {
    const mapped = value.map(jsRegExps);
    return (mapped.some((v, i) => v !== value[i]) ? mapped : value) as T;
  }
  if (!isDocument(value)) return value;
  const doc = value as Document;
  if ("$regex" in doc) {
    const options = typeof doc.$options === "string" ? doc.$options : "";
    const regex = fromValue(doc.$regex, options);
    if (regex) {
      const { $regex: _r, $options: _o, ...rest } = doc;
      return { $regex: regex, ...jsRegExps(rest) } as T;
    }
  }
  let changed = false;
  const out: Document = {};
  for (const [k, v] of Object.entries(doc)) {
    const mapped = jsRegExps(v);
    if (mapped !== v) changed = true;
    out[k] = mapped;
  }
  return (changed ? out : value) as T;
}
