/**
 * The error catalogue. Services throw these; one middleware turns them into
 * `{ error: { code, message, details? } }` with the message translated from
 * `locales/<lng>/errors.json` under the same code. Codes are stable API.
 */
export type ErrorCode =
  | "MALFORMED_JSON"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "VALIDATION_FAILED"
  | "INVALID_ANSWERS"
  | "UNSUPPORTED_LOCALE"
  | "NOT_FOUND"
  | "SURVEY_NOT_FOUND"
  | "WAVE_CLOSED"
  | "CONFLICT"
  | "STORE_UNAVAILABLE"
  | "STORAGE_FULL"
  | "INTERNAL";

/** One problem with the input, pointing at where it is. */
export interface ErrorDetail {
  path: string;
  code: string;
}

/** Base of every error a client may see. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly details?: ErrorDetail[],
    readonly params?: Record<string, string | number>,
  ) {
    super(code);
    this.name = new.target.name;
  }
}

export class MalformedJsonError extends AppError {
  constructor() {
    super("MALFORMED_JSON", 400);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super("PAYLOAD_TOO_LARGE", 413, undefined, { limitKb: Math.round(limitBytes / 1024) });
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor() {
    super("UNSUPPORTED_MEDIA_TYPE", 415);
  }
}

/** The request's shape is wrong (body, query or params). */
export class ValidationError extends AppError {
  constructor(details: ErrorDetail[]) {
    super("VALIDATION_FAILED", 400, details);
  }
}

/** The answers do not fit the published survey they were given for. */
export class InvalidAnswersError extends AppError {
  constructor(details: ErrorDetail[]) {
    super("INVALID_ANSWERS", 400, details);
  }
}

export class UnsupportedLocaleError extends AppError {
  constructor() {
    super("UNSUPPORTED_LOCALE", 400);
  }
}

export class NotFoundError extends AppError {
  constructor(code: "NOT_FOUND" | "SURVEY_NOT_FOUND" = "NOT_FOUND") {
    super(code, 404);
  }
}

/** The wave behind the link exists but takes no answers now. */
export class SurveyClosedError extends AppError {
  constructor() {
    super("WAVE_CLOSED", 410);
  }
}

export class ConflictError extends AppError {
  constructor(details?: ErrorDetail[]) {
    super("CONFLICT", 409, details);
  }
}

export class StoreUnavailableError extends AppError {
  constructor() {
    super("STORE_UNAVAILABLE", 503);
  }
}

/** The data directory has no room left: the write was refused, nothing stored changed. */
export class StorageFullError extends AppError {
  constructor() {
    super("STORAGE_FULL", 507);
  }
}

export class InternalError extends AppError {
  constructor() {
    super("INTERNAL", 500);
  }
}
