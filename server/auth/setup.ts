import { TOTP_REQUIRED_ROLES, type Role } from "../shared/roles";

/**
 * What an account must do before its session opens anything else: choose a new
 * password (an administrator asked for one), or enrol a TOTP authenticator (its
 * role requires one). A pure module: the client shows the matching screen.
 */
export const ACCOUNT_SETUP_STEPS = ["password-change", "totp-enrolment"] as const;
export type AccountSetupStep = (typeof ACCOUNT_SETUP_STEPS)[number];

/** The setup steps an account still owes, in the order the client asks for them. */
export function pendingSetup(user: {
  role: Role | string;
  mustChangePassword?: boolean | null;
  totp?: { enabled?: boolean | null } | null;
}): AccountSetupStep[] {
  const steps: AccountSetupStep[] = [];
  if (user.mustChangePassword) steps.push("password-change");
  if (TOTP_REQUIRED_ROLES.has(user.role as Role) && user.totp?.enabled !== true)
    steps.push("totp-enrolment");
  return steps;
}
