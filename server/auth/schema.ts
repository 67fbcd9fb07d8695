import { z } from "zod";
import { LOCALES } from "../shared/locales";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-rules";
import { ROLES } from "../shared/roles";
import { ACCOUNT_SETUP_STEPS } from "./setup";

/**
 * At least 12 characters, as NIST SP 800-63B suggests; no composition rules. The
 * rest of the rule (not repetitive, not the email, not a published password) is
 * server/auth/password-rules.ts, checked where the account is known.
 */
export const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

export const loginSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .describe("Code from the authenticator app, when the account has TOTP enabled"),
});

export const sessionSchema = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    authority: z.object({ id: z.string(), slug: z.string() }).nullable(),
    totpEnabled: z.boolean(),
    setup: z
      .array(z.enum(ACCOUNT_SETUP_STEPS))
      .describe(
        "What the account must do first (choose a new password, enrol TOTP); until done, other routes answer 403",
      ),
  }),
  csrfToken: z.string().describe("Send back in the X-CSRF-Token header on every mutation"),
});
export type SessionInfo = z.infer<typeof sessionSchema>;

export const totpSetupSchema = z.object({
  secret: z.string().describe("Base32 secret, to type into an authenticator app"),
  uri: z.string().describe("otpauth:// URI, for a QR code"),
});

export const totpCodeSchema = z.object({ code: z.string().regex(/^\d{6}$/) });

export const inviteParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

export const inviteInfoSchema = z.object({ email: z.string(), role: z.enum(ROLES) });

export const acceptInviteSchema = z.object({
  password: passwordSchema,
  name: z.string().trim().max(120).optional(),
});

export const okSchema = z.object({ ok: z.literal(true) });

export const langOnly = z.object({ lang: z.enum(LOCALES).optional() });

export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: passwordSchema,
});
