import type { Document } from "bson";
import type { CollectionView } from "./collection";
import { CommandFault, faults } from "./errors";
import { checkSchema, schemaFailures } from "./json-schema";
import { Query } from "./mingo";
import { QUERY_OPTIONS } from "./query";
import { isDocument } from "./values";

/**
 * A collection's document validation: the `validator` (a `$jsonSchema` and/or
 * query operators) checked on every insert and update as `validationLevel`
 * (strict, moderate, off) and `validationAction` (error, warn) say, refused
 * with 121 DocumentValidationFailure and an `errInfo` that names the rules
 * broken, as MongoDB reports them. `bypassDocumentValidation` skips it.
 */

const LEVELS = new Set(["off", "strict", "moderate"]);
const ACTIONS = new Set(["error", "warn", "errorAndLog"]);

/** Checks the validation options of `create` or `collMod`. */
export function checkValidationOptions(options: Document): void {
  if (options.validator !== undefined) {
    if (!isDocument(options.validator)) throw faults.typeMismatch("'validator' must be an object");
    const { $jsonSchema, ...rest } = options.validator;
    if ($jsonSchema !== undefined) checkSchema($jsonSchema);
    new Query(rest, QUERY_OPTIONS); // a bad operator fails here, when the validator is set
  }
  if (options.validationLevel !== undefined && !LEVELS.has(String(options.validationLevel)))
    throw faults.badValue(
      `Enumeration value '${String(options.validationLevel)}' for field 'validationLevel' is not a valid value.`,
    );
  if (options.validationAction !== undefined && !ACTIONS.has(String(options.validationAction)))
    throw faults.badValue(
      `Enumeration value '${String(options.validationAction)}' for field 'validationAction' is not a valid value.`,
    );
}

/** The rules `doc` breaks, in `errInfo.details` form; undefined when it passes. */
function failures(validator: Document, doc: Document): Document | undefined {
  const { $jsonSchema, ...rest } = validator;
  if (isDocument($jsonSchema)) {
    const broken = schemaFailures($jsonSchema, doc);
    if (broken.length > 0) return { operatorName: "$jsonSchema", schemaRulesNotSatisfied: broken };
  }
  const clauses = Object.entries(rest).flatMap(([field, cond], index) =>
    new Query({ [field]: cond }, QUERY_OPTIONS).test(doc)
      ? []
      : [
          {
            index,
            details: {
              operatorName: operatorOf(field, cond),
              specifiedAs: { [field]: cond },
              reason: "expression did not match",
            },
          },
        ],
  );
  if (clauses.length === 0) return undefined;
  if (Object.keys(rest).length === 1) return clauses[0]!.details;
  return { operatorName: "$and", clausesNotSatisfied: clauses };
}

function operatorOf(field: string, cond: unknown): string {
  if (field.startsWith("$")) return field;
  if (isDocument(cond)) {
    const first = Object.keys(cond)[0];
    if (first?.startsWith("$")) return first;
  }
  return "$eq";
}

/**
 * Checks a document a write is about to store (`before` is the stored one an
 * update replaces). Throws DocumentValidationFailure when it must be refused.
 */
export function validateWrite(
  collection: CollectionView | undefined,
  next: Document,
  before: Document | undefined,
  bypass: boolean,
): void {
  const options = collection?.options;
  const validator = options?.validator;
  if (bypass || !isDocument(validator) || Object.keys(validator).length === 0) return;
  const level = String(options!.validationLevel ?? "strict");
  if (level === "off") return;
  // Moderate: a document that already broke the rules may still be updated.
  if (level === "moderate" && before && failures(validator, before)) return;
  const details = failures(validator, next);
  if (!details || options!.validationAction === "warn") return;
  throw new CommandFault(121, "DocumentValidationFailure", "Document failed validation", {
    errInfo: { failingDocumentId: next._id, details },
  });
}
