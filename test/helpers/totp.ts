/**
 * TOTP for tests: admins and coordinators must have it (server/auth/setup.ts),
 * so the helpers that sign such an account in type a code, as a person would
 * from their authenticator app. Each code's time step is taken once by the
 * server, so the next code is the first step after the account's last one
 * (up to one step ahead, which the server accepts), waiting when even that was used;
 * the step before the clock's is used only early in the clock's step.
 */
import { User } from "../../server/auth/model";
import { TOTP_CONTEXT } from "../../server/auth/service";
import { base32Decode, totp } from "../../server/auth/totp";
import type { Config } from "../../server/config";
import { createFieldCipher } from "../../server/privacy/crypto";

/** The secret of every account a factory creates already enrolled (base32). */
export const TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

const STEP_SECONDS = 30;
const secrets = new Map<string, string>();

/** Remembers the secret an account enrolled with through the API (lower-case email). */
export function rememberTotpSecret(email: string, secret: string): void {
  secrets.set(email.toLowerCase(), secret);
}

/** The secret of an account: the one it enrolled with here, else the factories' own. */
export function totpSecretOf(email: string): string {
  return secrets.get(email.toLowerCase()) ?? TEST_TOTP_SECRET;
}

/** The `totp` field of an account created already enrolled with TEST_TOTP_SECRET. */
export function enrolledTotp(config: Pick<Config, "dataKeys">) {
  const cipher = createFieldCipher(config.dataKeys);
  return { secret: cipher.encrypt(TEST_TOTP_SECRET, TOTP_CONTEXT), enabled: true, lastStep: 0 };
}

/**
 * A code the server takes now for this account: of a step after the last one
 * it accepted, within one step of the clock. Waits for the clock when the
 * account signed in three times within the same half minute.
 */
export async function nextTotpCode(email: string): Promise<string> {
  const user = await User.findOne({ email: email.toLowerCase() }, { totp: 1 }).lean();
  const last = user?.totp?.lastStep ?? 0;
  for (;;) {
    const seconds = Date.now() / 1000;
    const now = Math.floor(seconds / STEP_SECONDS);
    // The step before this one is taken only until this one ends: its code is typed
    // only while enough of the step is left for the sign-in to reach the server.
    const left = (now + 1) * STEP_SECONDS - seconds;
    const step = Math.max(left > STEP_SECONDS / 2 ? now - 1 : now, last + 1);
    if (step <= now + 1) return totp(base32Decode(totpSecretOf(email)), step * STEP_SECONDS);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
