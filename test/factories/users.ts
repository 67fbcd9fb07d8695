import type { Types } from "mongoose";
import { User } from "../../server/auth/model";
import { hashPassword } from "../../server/auth/password";
import type { UserRole } from "../../server/shared/roles";
import type { Config } from "../../server/config";
import { enrolledTotp } from "../helpers/totp";

let counter = 0;

/** The password of every factory user. */
export const TEST_PASSWORD = "correct horse battery staple";

let hashed: Promise<string> | undefined;

/**
 * scrypt parameters of the factory accounts' hash: the platform's own (N = 2^15)
 * cost ~100-200 ms per sign-in on the test machine, paid by hundreds of sign-ins;
 * 2^10 verifies in ~5 ms. Hashes the platform makes itself (invites, password
 * changes, the unknown-account decoy) keep the production parameters.
 */
export const FIXTURE_SCRYPT = { N: 2 ** 10, r: 8, p: 1 } as const;

/**
 * An active account of a role; authority roles need the authority. With `totp`
 * (the running configuration, for its data key) it is created already enrolled
 * with TEST_TOTP_SECRET (test/helpers/totp.ts); without, an admin or coordinator
 * is enrolled through the API by the sign-in helper (test/helpers/session.ts).
 * `mustChangePassword` makes it one an administrator asked to choose a new password.
 */
export async function makeUser(
  role: UserRole,
  options: {
    authorityId?: Types.ObjectId;
    email?: string;
    status?: "active" | "disabled";
    totp?: Pick<Config, "dataKeys">;
    mustChangePassword?: boolean;
  } = {},
) {
  hashed ??= hashPassword(TEST_PASSWORD, FIXTURE_SCRYPT);
  const email = options.email ?? `${role}-${Date.now().toString(36)}-${counter++}@test.example`;
  return User.create({
    email,
    name: `Test ${role}`,
    role,
    authorityId: options.authorityId,
    status: options.status ?? "active",
    passwordHash: await hashed,
    ...(options.totp ? { totp: enrolledTotp(options.totp) } : {}),
    ...(options.mustChangePassword ? { mustChangePassword: true } : {}),
  });
}
