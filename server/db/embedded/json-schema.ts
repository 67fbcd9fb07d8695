import type { Document } from "bson";
import { faults } from "./errors";
import { bsonTypeOf, TYPE_ALIASES } from "./query-operators";
import { keyString } from "./values";
import { isDocument } from "./values";

/**
 * MongoDB's `$jsonSchema` (JSON Schema draft 4 with `bsonType`), for
 * collection validators: whether a document satisfies a schema and, when it
 * does not, the rules it broke in the shape MongoDB reports them in a
 * DocumentValidationFailure's `errInfo.details.schemaRulesNotSatisfied`.
 * Covered: bsonType, type, enum, required, properties, additionalProperties,
 * patternProperties, minProperties/maxProperties, minimum/maximum (and the
 * exclusive forms), multipleOf, minLength/maxLength, pattern, items,
 * additionalItems, minItems/maxItems, uniqueItems, allOf/anyOf/oneOf/not.
 */

/** JSON Schema's own type names, as MongoDB maps them (`integer` is not supported). */
const JSON_TYPES: Record<string, number[]> = {
  object: [3],
  array: [4],
  number: [1, 16, 18, 19],
  boolean: [8],
  string: [2],
  null: [10],
};

type Rule = Document;

function typeNumber(value: unknown, holder?: object, key?: string): number | undefined {
  return bsonTypeOf({ value, holder, key });
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  const t = (value as { _bsontype?: string } | null)?._bsontype;
  if (t === "Int32" || t === "Double" || t === "Long" || t === "Decimal128")
    return Number(String(value));
  return undefined;
}

/**
 * The rules of `schema` that `value` breaks (empty when it satisfies it).
 * `holder`/`key` say where the value sits, so whole-number doubles are told from ints.
 */
export function schemaFailures(
  schema: Document,
  value: unknown,
  holder?: object,
  key?: string,
): Rule[] {
  const failures: Rule[] = [];
  const type = typeNumber(value, holder, key);
  if (schema.bsonType !== undefined) {
    const wanted = asList(schema.bsonType).flatMap((t) =>
      t === "number" ? [1, 16, 18, 19] : [TYPE_ALIASES[String(t)] ?? NaN],
    );
    if (type === undefined || !wanted.includes(type))
      failures.push({
        operatorName: "bsonType",
        specifiedAs: { bsonType: schema.bsonType },
        reason: "type did not match",
        consideredValue: value,
        consideredType: typeNameOf(type),
      });
  }
  if (schema.type !== undefined) {
    const wanted = asList(schema.type).flatMap((t) => JSON_TYPES[String(t)] ?? []);
    if (type === undefined || !wanted.includes(type))
      failures.push({
        operatorName: "type",
        specifiedAs: { type: schema.type },
        reason: "type did not match",
        consideredValue: value,
        consideredType: typeNameOf(type),
      });
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => keyString(e) === keyString(value)))
    failures.push({
      operatorName: "enum",
      specifiedAs: { enum: schema.enum },
      reason: "value was not found in enum",
      consideredValue: value,
    });
  const n = numberOf(value);
  if (n !== undefined) numberRules(schema, n, value, failures);
  if (typeof value === "string") stringRules(schema, value, failures);
  if (Array.isArray(value)) arrayRules(schema, value, failures);
  if (isDocument(value)) objectRules(schema, value, failures);
  logicRules(schema, value, holder, key, failures);
  return failures;
}

function typeNameOf(type: number | undefined): string {
  if (type === undefined) return "missing";
  return Object.entries(TYPE_ALIASES).find(([, n]) => n === type)?.[0] ?? "unknown";
}

function numberRules(schema: Document, n: number, value: unknown, failures: Rule[]): void {
  const check = (name: string, ok: boolean, reason: string) => {
    if (!ok)
      failures.push({
        operatorName: name,
        specifiedAs: { [name]: schema[name] },
        reason,
        consideredValue: value,
      });
  };
  if (schema.minimum !== undefined) {
    const min = Number(schema.minimum);
    check("minimum", schema.exclusiveMinimum === true ? n > min : n >= min, "comparison failed");
  }
  if (schema.maximum !== undefined) {
    const max = Number(schema.maximum);
    check("maximum", schema.exclusiveMaximum === true ? n < max : n <= max, "comparison failed");
  }
  if (schema.multipleOf !== undefined)
    check(
      "multipleOf",
      n % Number(schema.multipleOf) === 0,
      "considered value was not a multiple of specified value",
    );
}

function stringRules(schema: Document, s: string, failures: Rule[]): void {
  const length = [...s].length;
  const push = (name: string, reason: string) =>
    failures.push({
      operatorName: name,
      specifiedAs: { [name]: schema[name] },
      reason,
      consideredValue: s,
    });
  if (schema.minLength !== undefined && length < Number(schema.minLength))
    push("minLength", "specified string length was not satisfied");
  if (schema.maxLength !== undefined && length > Number(schema.maxLength))
    push("maxLength", "specified string length was not satisfied");
  if (schema.pattern !== undefined) {
    const source =
      typeof schema.pattern === "string"
        ? schema.pattern
        : String((schema.pattern as { pattern?: string }).pattern);
    if (!new RegExp(source, "u").test(s)) push("pattern", "regular expression did not match");
  }
}

function arrayRules(schema: Document, items: unknown[], failures: Rule[]): void {
  const push = (name: string, reason: string, extra: Document = {}) =>
    failures.push({ operatorName: name, specifiedAs: { [name]: schema[name] }, reason, ...extra });
  if (schema.minItems !== undefined && items.length < Number(schema.minItems))
    push("minItems", "array did not match specified length", { consideredValue: items });
  if (schema.maxItems !== undefined && items.length > Number(schema.maxItems))
    push("maxItems", "array did not match specified length", { consideredValue: items });
  if (schema.uniqueItems === true && new Set(items.map(keyString)).size !== items.length)
    push("uniqueItems", "found a duplicate item", { consideredValue: items });
  if (isDocument(schema.items)) {
    const itemSchema = schema.items;
    const details = items.flatMap((item, i) => {
      const broken = schemaFailures(itemSchema, item, items, String(i));
      return broken.length > 0 ? [{ itemIndex: i, details: broken }] : [];
    });
    if (details.length > 0)
      push("items", "At least one item did not match the sub-schema", {
        details: details[0]!.details,
        itemIndex: details[0]!.itemIndex,
      });
  } else if (Array.isArray(schema.items)) {
    const schemas = schema.items as Document[];
    schemas.forEach((s, i) => {
      if (i >= items.length) return;
      const broken = schemaFailures(s, items[i], items, String(i));
      if (broken.length > 0)
        push("items", "At least one item did not match the sub-schema", {
          itemIndex: i,
          details: broken,
        });
    });
    if (schema.additionalItems === false && items.length > schemas.length)
      push("additionalItems", "found additional items", {
        additionalItems: items.slice(schemas.length),
      });
  }
}

function objectRules(schema: Document, doc: Document, failures: Rule[]): void {
  const keys = Object.keys(doc);
  if (Array.isArray(schema.required)) {
    const missing = (schema.required as string[]).filter(
      (k) => !Object.prototype.hasOwnProperty.call(doc, k),
    );
    if (missing.length > 0)
      failures.push({
        operatorName: "required",
        specifiedAs: { required: schema.required },
        missingProperties: missing,
      });
  }
  if (schema.minProperties !== undefined && keys.length < Number(schema.minProperties))
    failures.push({
      operatorName: "minProperties",
      specifiedAs: { minProperties: schema.minProperties },
      reason: "specified number of properties was not satisfied",
      numberOfProperties: keys.length,
    });
  if (schema.maxProperties !== undefined && keys.length > Number(schema.maxProperties))
    failures.push({
      operatorName: "maxProperties",
      specifiedAs: { maxProperties: schema.maxProperties },
      reason: "specified number of properties was not satisfied",
      numberOfProperties: keys.length,
    });
  const properties = isDocument(schema.properties) ? schema.properties : {};
  const patterns = isDocument(schema.patternProperties)
    ? Object.entries(schema.patternProperties).map(([p, s]) => ({
        re: new RegExp(p, "u"),
        schema: s as Document,
      }))
    : [];
  const notSatisfied: Document[] = [];
  for (const [name, sub] of Object.entries(properties)) {
    if (!Object.prototype.hasOwnProperty.call(doc, name) || !isDocument(sub)) continue;
    const broken = schemaFailures(sub, doc[name], doc, name);
    if (broken.length > 0) notSatisfied.push({ propertyName: name, details: broken });
  }
  if (notSatisfied.length > 0)
    failures.push({ operatorName: "properties", propertiesNotSatisfied: notSatisfied });
  const additional: string[] = [];
  for (const name of keys) {
    if (name in properties) continue;
    const matched = patterns.filter((p) => p.re.test(name));
    for (const p of matched) {
      const broken = schemaFailures(p.schema, doc[name], doc, name);
      if (broken.length > 0)
        failures.push({
          operatorName: "patternProperties",
          details: [{ propertyName: name, regexMatched: p.re.source, details: broken }],
        });
    }
    if (matched.length === 0) additional.push(name);
  }
  if (schema.additionalProperties === false && additional.length > 0)
    failures.push({
      operatorName: "additionalProperties",
      specifiedAs: { additionalProperties: false },
      additionalProperties: additional,
    });
  else if (isDocument(schema.additionalProperties)) {
    const sub = schema.additionalProperties;
    for (const name of additional) {
      const broken = schemaFailures(sub, doc[name], doc, name);
      if (broken.length > 0)
        failures.push({
          operatorName: "additionalProperties",
          details: [{ propertyName: name, details: broken }],
        });
    }
  }
}

function logicRules(
  schema: Document,
  value: unknown,
  holder: object | undefined,
  key: string | undefined,
  failures: Rule[],
): void {
  const test = (s: unknown) => isDocument(s) && schemaFailures(s, value, holder, key).length === 0;
  if (Array.isArray(schema.allOf) && !schema.allOf.every(test))
    failures.push({
      operatorName: "allOf",
      specifiedAs: { allOf: schema.allOf },
      reason: "at least one subschema did not match",
    });
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some(test))
    failures.push({
      operatorName: "anyOf",
      specifiedAs: { anyOf: schema.anyOf },
      reason: "no subschema matched",
    });
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter(test).length !== 1)
    failures.push({
      operatorName: "oneOf",
      specifiedAs: { oneOf: schema.oneOf },
      reason: "exactly one subschema did not match",
    });
  if (isDocument(schema.not) && test(schema.not))
    failures.push({
      operatorName: "not",
      specifiedAs: { not: schema.not },
      reason: "child expression matched",
    });
}

/** Refuses keywords MongoDB's `$jsonSchema` does not support, as MongoDB does when a validator is set. */
export function checkSchema(schema: unknown): void {
  if (!isDocument(schema)) throw faults.typeMismatch("$jsonSchema must be an object");
  for (const keyword of [
    "$ref",
    "$schema",
    "default",
    "definitions",
    "format",
    "id",
    "dependencies",
  ]) {
    if (keyword in schema)
      throw faults.failedToParse(`$jsonSchema keyword '${keyword}' is not currently supported`);
  }
  if (schema.type === "integer" || (Array.isArray(schema.type) && schema.type.includes("integer")))
    throw faults.badValue("$jsonSchema type 'integer' is not currently supported.");
}
