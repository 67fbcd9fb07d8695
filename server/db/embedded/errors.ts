/**
 * Errors as MongoDB reports them: a numeric code, its code name and a message.
 * Drivers and mongoose branch on the code (11000 duplicate key, 26 namespace not
 * found ...), so the numbers and names follow MongoDB's own error table.
 */
export class CommandFault extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    /** Extra fields copied into the reply or write error (keyPattern, keyValue ...). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "CommandFault";
  }

  /** The `{ ok: 0, errmsg, code, codeName }` reply of a failed command. */
  toReply(): Record<string, unknown> {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }
}

export const faults = {
  badValue: (message: string) => new CommandFault(2, "BadValue", message),
  failedToParse: (message: string) => new CommandFault(9, "FailedToParse", message),
  typeMismatch: (message: string) => new CommandFault(14, "TypeMismatch", message),
  illegalOperation: (message: string) => new CommandFault(20, "IllegalOperation", message),
  namespaceNotFound: (ns: string) =>
    new CommandFault(26, "NamespaceNotFound", `ns does not exist: ${ns}`),
  indexNotFound: (name: string) =>
    new CommandFault(27, "IndexNotFound", `index not found with name [${name}]`),
  namespaceExists: (ns: string) =>
    new CommandFault(48, "NamespaceExists", `Collection ${ns} already exists.`),
  cursorNotFound: (id: bigint) =>
    new CommandFault(43, "CursorNotFound", `cursor id ${id} not found`),
  commandNotFound: (name: string) =>
    new CommandFault(59, "CommandNotFound", `no such command: '${name}'`),
  immutableField: (message: string) => new CommandFault(66, "ImmutableField", message),
  invalidOptions: (message: string) => new CommandFault(72, "InvalidOptions", message),
  invalidNamespace: (message: string) => new CommandFault(73, "InvalidNamespace", message),
  indexOptionsConflict: (message: string) => new CommandFault(85, "IndexOptionsConflict", message),
  indexKeySpecsConflict: (message: string) =>
    new CommandFault(86, "IndexKeySpecsConflict", message),
  bsonObjectTooLarge: (message: string) => new CommandFault(10334, "BSONObjectTooLarge", message),
  locationError: (code: number, message: string) =>
    new CommandFault(code, `Location${code}`, message),
  duplicateKey: (
    ns: string,
    indexName: string,
    keyPattern: Record<string, unknown>,
    keyValue: Record<string, unknown>,
  ) =>
    new CommandFault(
      11000,
      "DuplicateKey",
      `E11000 duplicate key error collection: ${ns} index: ${indexName} dup key: ${describeKey(keyValue)}`,
      { keyPattern, keyValue },
    ),
  storageFull: (message: string) => new CommandFault(14031, "OutOfDiskSpace", message),
  internal: (message: string) => new CommandFault(1, "InternalError", message),
};

function describeKey(keyValue: Record<string, unknown>): string {
  const parts = Object.entries(keyValue).map(([k, v]) => `${k}: ${JSON.stringify(v) ?? "null"}`);
  return `{ ${parts.join(", ")} }`;
}

/** Any thrown value as a fault; mingo and bson throw plain errors on bad queries. */
export function toFault(err: unknown): CommandFault {
  if (err instanceof CommandFault) return err;
  const message = err instanceof Error ? err.message : String(err);
  return faults.badValue(message);
}
