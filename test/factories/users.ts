import type { Types } from "mongoose";
import { User } from "../../server/auth/model";
import { hashPassword } from "../../server/auth/password";
import type { UserRole } from "../../server/auth/roles";

let counter = 0;

/** The password of every factory user. */
export const TEST_PASSWORD = "correct horse battery staple";

let hashed: Promise<string> | undefined;

/** An active account of a role; authority roles need the authority. */
export async function makeUser(
  role: UserRole,
  options: { authorityId?: Types.ObjectId; email?: string; status?: "active" | "disabled" } = {},
) {
  hashed ??= hashPassword(TEST_PASSWORD); // scrypt is slow on purpose: hash once per file
  const email = options.email ?? `${role}-${Date.now().toString(36)}-${counter++}@test.example`;
  return User.create({
    email,
    name: `Test ${role}`,
    role,
    authorityId: options.authorityId,
    status: options.status ?? "active",
    passwordHash: await hashed,
  });
}
