/**
 * The error catalogue. Services throw these; one middleware turns them into
 * `{ error: { code, message, details? } }` with the message translated from
 * `locales/<lng>/errors.json` under the same code. Codes are stable API.
 */
export type ErrorCode =
  | "MALFORMED_JSON"
  | "MALFORMED_PATH"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "VALIDATION_FAILED"
  | "INVALID_ANSWERS"
  | "UNSUPPORTED_LOCALE"
  | "NOT_FOUND"
  | "SURVEY_NOT_FOUND"
  | "WAVE_CLOSED"
  | "WAVE_PAUSED"
  | "CONFLICT"
  | "STORE_UNAVAILABLE"
  | "STORAGE_FULL"
  | "INTERNAL"
  | "UNAUTHENTICATED"
  | "INVALID_CREDENTIALS"
  | "TOTP_REQUIRED"
  | "ACCOUNT_LOCKED"
  | "AUTH_BUSY"
  | "TOTP_ENROLMENT_REQUIRED"
  | "PASSWORD_CHANGE_REQUIRED"
  | "CURRENT_PASSWORD_WRONG"
  | "PASSWORD_TOO_WEAK"
  | "FORBIDDEN"
  | "CSRF_FAILED"
  | "TOO_MANY_REQUESTS"
  | "UNSAFE_KEY"
  | "INVITE_INVALID"
  | "LINK_USED"
  | "WAVE_TRANSITION_INVALID"
  | "WAVE_NOT_READY"
  | "CONTACTS_FILE_INVALID"
  | "MARGINS_FILE_INVALID"
  | "SIGNATURE_INVALID"
  | "PAIRING_CODE_INVALID"
  | "OPT_OUT_LOCKED"
  | "RESEND_OPTED_OUT"
  | "RESEND_WAVE_NOT_OPEN"
  | "RESEND_COMPLETED"
  | "RESEND_BOUNCED"
  | "RESEND_TOO_SOON"
  | "DRAFT_NOT_READY"
  | "DEVICE_TOKEN_INVALID"
  | "CHALLENGE_REQUIRED"
  | "DEVICE_ALREADY_ANSWERED"
  | "BALLOT_INVALID"
  | "PARENTAL_CONSENT_REQUIRED"
  | "BRIDGE_INVALID"
  | "TRANSLATION_STEP_INVALID"
  | "TRANSLATION_NOT_ADJUDICATED"
  | "TRANSLATION_SHEET_INVALID"
  | "QUOTA_FULL"
  | "QUOTA_INVALID";

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
/** A path parameter that does not decode (`/api/r/<token>%ZZ`): the client's error. */
export class MalformedPathError extends AppError {
  constructor() {
    super("MALFORMED_PATH", 400);
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

/**
 * The wave exists but its coordinator has paused it: it takes nothing now and
 * may open again, so residents are told "paused", not "closed".
 */
export class WavePausedError extends AppError {
  constructor() {
    super("WAVE_PAUSED", 409);
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

/** No valid session or device token came with a request that needs one. */
export class UnauthenticatedError extends AppError {
  constructor() {
    super("UNAUTHENTICATED", 401);
  }
}

/** Wrong email, password or code: one answer for all, so accounts cannot be probed. */
export class InvalidCredentialsError extends AppError {
  constructor(code: "INVALID_CREDENTIALS" | "TOTP_REQUIRED" = "INVALID_CREDENTIALS") {
    super(code, 401);
  }
}

/** Too many failed logins for this account or from this address. */
export class AccountLockedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    // `count` picks the plural form (Arabic has six).
    super("ACCOUNT_LOCKED", 429, undefined, {
      count: Math.max(1, Math.ceil(retryAfterSeconds / 60)),
    });
  }
}

/**
 * Sign-in is too busy to check another password now (its bounded queue is full):
 * try again in a moment. Nothing was counted against the account.
 */
export class AuthBusyError extends AppError {
  constructor(readonly retryAfterSeconds = 1) {
    super("AUTH_BUSY", 503);
  }
}

/**
 * A session that must first finish setting up its account: enrol a TOTP
 * authenticator (admins and whoever may reveal personal data), or choose a new
 * password (an administrator asked for one). Only that, signing out and reading
 * the session are open to it until then.
 */
export class SetupRequiredError extends AppError {
  constructor(code: "TOTP_ENROLMENT_REQUIRED" | "PASSWORD_CHANGE_REQUIRED") {
    super(code, 403);
  }
}

/** A password change whose current password is not the account's. */
export class CurrentPasswordError extends AppError {
  constructor() {
    super("CURRENT_PASSWORD_WRONG", 400, [{ path: "body.currentPassword", code: "wrong" }]);
  }
}

/** A new password that breaks the rule of server/auth/password-rules.ts; the detail says which part. */
export class WeakPasswordError extends AppError {
  constructor(path: string, reason: string) {
    super("PASSWORD_TOO_WEAK", 400, [{ path, code: reason }]);
  }
}

/** The caller's role may not use this route (someone else's data is a 404, not this). */
export class ForbiddenError extends AppError {
  constructor(code: "FORBIDDEN" | "CSRF_FAILED" = "FORBIDDEN") {
    super(code, 403);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("TOO_MANY_REQUESTS", 429);
  }
}

/** A key that could act as a query operator (`$gt`) or path (`a.b`) in user input. */
export class UnsafeKeyError extends AppError {
  constructor(path: string) {
    super("UNSAFE_KEY", 400, [{ path, code: "unsafe_key" }]);
  }
}

/** An invite link that is unknown, used or expired: one answer for all three. */
export class InviteInvalidError extends AppError {
  constructor() {
    super("INVITE_INVALID", 404);
  }
}

/** An instrument draft that cannot be published yet; details list each problem. */
export class DraftNotReadyError extends AppError {
  constructor(details: ErrorDetail[]) {
    super("DRAFT_NOT_READY", 422, details);
  }
}

/** A personal survey link whose one response has already been stored. */
export class LinkUsedError extends AppError {
  constructor() {
    super("LINK_USED", 409);
  }
}

/** A wave status change the life cycle does not allow (draft → open → paused ⇄ open → closed). */
export class WaveTransitionError extends AppError {
  constructor(from: string, to: string) {
    super("WAVE_TRANSITION_INVALID", 409, undefined, { from, to });
  }
}

/** A wave that fails its readiness checklist cannot open; details name each failing check. */
export class WaveNotReadyError extends AppError {
  constructor(failing: string[]) {
    super(
      "WAVE_NOT_READY",
      409,
      failing.map((code) => ({ path: "readiness", code })),
      { count: failing.length },
    );
  }
}

/** A contacts file that cannot be read at all (not CSV/XLSX, no phone column, broken quoting). */
export class ContactsFileError extends AppError {
  constructor(reason: string) {
    super("CONTACTS_FILE_INVALID", 400, [{ path: "body.content", code: reason }]);
  }
}

/**
 * A CBS margins file that cannot be imported; details list every problem with
 * its row (path "row.N", the header being row 1) and the message explains the first.
 */
export class MarginsFileError extends AppError {
  constructor(details: ErrorDetail[]) {
    const first = details[0]!;
    const row = /^row\.(\d+)$/.exec(first.path)?.[1];
    super("MARGINS_FILE_INVALID", 400, details, {
      problem: first.code,
      row: row ?? "",
      problems: details.length,
    });
  }
}

/** A webhook whose signature or timestamp does not check out: nothing was changed. */
export class SignatureError extends AppError {
  constructor() {
    super("SIGNATURE_INVALID", 401);
  }
}

/** An opt-out staff may not undo: the resident's own STOP reply, or another authority's. */
export class OptOutLockedError extends AppError {
  constructor(by: "resident" | "other-authority") {
    super("OPT_OUT_LOCKED", 409, [{ path: "contactId", code: by }]);
  }
}

/** Why a personal link cannot be sent again (or reissued) to a contact now. */
export type ResendRefusal = "opted-out" | "wave-not-open" | "completed" | "bounced" | "too-soon";

const RESEND_CODES = {
  "opted-out": "RESEND_OPTED_OUT",
  "wave-not-open": "RESEND_WAVE_NOT_OPEN",
  completed: "RESEND_COMPLETED",
  bounced: "RESEND_BOUNCED",
  "too-soon": "RESEND_TOO_SOON",
} as const satisfies Record<ResendRefusal, ErrorCode>;

/** A personal link that is not sent again: one code per reason; too-soon names the minutes. */
export class ResendRefusedError extends AppError {
  constructor(reason: ResendRefusal, minutes?: number) {
    super(
      RESEND_CODES[reason],
      409,
      [{ path: "contactId", code: reason }],
      minutes === undefined ? undefined : { minutes },
    );
  }
}

/** A kiosk pairing code that is unknown, used or expired: one answer for all three. */
export class PairingCodeError extends AppError {
  constructor() {
    super("PAIRING_CODE_INVALID", 404);
  }
}

/** An open link's device token that this server did not issue for this wave. */
export class DeviceTokenInvalidError extends AppError {
  constructor() {
    super("DEVICE_TOKEN_INVALID", 400, [{ path: "body.device.token", code: "invalid" }]);
  }
}

/**
 * An open link past its threshold of submissions: the device must show a proof
 * of work bound to its token (server/take/proof-of-work.ts) at `bits` difficulty.
 */
export class ChallengeRequiredError extends AppError {
  constructor(readonly bits: number) {
    super("CHALLENGE_REQUIRED", 428, [{ path: "body.device.proof", code: `bits-${bits}` }]);
  }
}

/** A second response from a device that has already answered this open link's wave. */
export class DeviceAnsweredError extends AppError {
  constructor() {
    super("DEVICE_ALREADY_ANSWERED", 409);
  }
}

/** A split-ballot ballot (server/take/ballot.ts) this server did not sign. */
export class BallotInvalidError extends AppError {
  constructor(path = "body.ballot") {
    super("BALLOT_INVALID", 400, [{ path, code: "invalid" }]);
  }
}

/**
 * A survey for minors without a parent's or guardian's consent on record: nothing
 * of it is shown or stored (server/take/asked-version.ts).
 */
export class ParentalConsentRequiredError extends AppError {
  constructor() {
    super("PARENTAL_CONSENT_REQUIRED", 403);
  }
}

/**
 * A wave's split-ballot bridge that cannot be set: `reason` says why (share,
 * unknownVersion, otherInstrument, notEarlier: 400; notDraft, the wave has
 * opened: 409).
 */
export class BridgeInvalidError extends AppError {
  constructor(reason: string) {
    super("BRIDGE_INVALID", reason === "notDraft" ? 409 : 400, [
      { path: "body.bridge", code: reason },
    ]);
  }
}

/**
 * A TRAPD step that cannot be taken on a string (server/bank/trapd.ts): a field
 * of the stage left blank, a field of another stage, or no stage to move to.
 */
export class TranslationStepError extends AppError {
  constructor(details: ErrorDetail[]) {
    super("TRANSLATION_STEP_INVALID", 422, details);
  }
}

/**
 * Publishing refused: resident-facing strings lack an adjudicated TRAPD final in a
 * language the instrument is fielded in. Every string is a detail (its path, and
 * `notAdjudicated.<locale>`); the message gives the count and the first few.
 */
export class TranslationNotAdjudicatedError extends AppError {
  constructor(gaps: ReadonlyArray<{ path: string; locale: string }>) {
    super(
      "TRANSLATION_NOT_ADJUDICATED",
      409,
      gaps.map((g) => ({ path: g.path, code: `notAdjudicated.${g.locale}` })),
      {
        count: gaps.length,
        first: gaps
          .slice(0, 3)
          .map((g) => `${g.path} (${g.locale})`)
          .join(", "),
      },
    );
  }
}

/**
 * A translation sheet that cannot be taken back: not an XLSX file, missing
 * columns, or rows that do not parse or name no string of the draft.
 */
export class TranslationSheetError extends AppError {
  constructor(problem: string | ErrorDetail[]) {
    super(
      "TRANSLATION_SHEET_INVALID",
      400,
      typeof problem === "string" ? [{ path: "body.content", code: problem }] : problem,
    );
  }
}

/**
 * A resident whose answer falls in a quota cell that has closed: thanked, and the
 * answers not stored (server/quotas/service.ts).
 */
export class QuotaFullError extends AppError {
  constructor(question: string) {
    super("QUOTA_FULL", 409, [{ path: `body.answers.${question}`, code: "quota_full" }]);
  }
}

/**
 * Quotas that cannot be set: a question that is not one of the questionnaire's
 * choice questions, an answer it does not offer, or a wave that has closed.
 */
export class QuotaInvalidError extends AppError {
  constructor(path: string, reason: "unknownQuestion" | "unknownValue" | "duplicate" | "closed") {
    super("QUOTA_INVALID", reason === "closed" ? 409 : 400, [{ path, code: reason }]);
  }
}
