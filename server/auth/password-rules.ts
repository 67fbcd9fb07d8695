/**
 * What a new password must be, shared by every place one is chosen (an invite,
 * a change, a reset) and by the client's hint. NIST SP 800-63B: a minimum
 * length and a check against known or trivially guessable values, no
 * composition rules. A pure module, so the client shows the same rule.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/** Why a password is refused, as a stable code for the client. */
export type PasswordWeakness = "too_short" | "too_long" | "repetitive" | "contains_email" | "known";

/**
 * Passwords this platform has published (the development admin's and the demo
 * accounts' before they were generated): anyone can read them, so no account may
 * choose them, and production refuses a store where one is still in use.
 */
export const PUBLISHED_PASSWORDS: readonly string[] = [
  "dev-admin-password-change-me",
  "demo-pulse-2026",
];

/** The fewest different characters a password must hold ("aaaaaaaaaaaa", "abababababab"). */
const MIN_DISTINCT = 5;

/** Null when the password may be used, else why not. */
export function passwordWeakness(password: string, email?: string): PasswordWeakness | null {
  const chars = [...password.normalize("NFC")];
  if (chars.length < PASSWORD_MIN_LENGTH) return "too_short";
  if (chars.length > PASSWORD_MAX_LENGTH) return "too_long";
  if (new Set(chars.map((c) => c.toLowerCase())).size < MIN_DISTINCT) return "repetitive";
  const lower = password.toLowerCase();
  if (PUBLISHED_PASSWORDS.includes(lower.trim())) return "known";
  const local = email?.toLowerCase().split("@")[0] ?? "";
  if (local.length >= 4 && lower.includes(local)) return "contains_email";
  return null;
}
