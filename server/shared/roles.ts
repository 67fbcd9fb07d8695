import { NUMBER_REVEALERS } from "./contact-access";

/**
 * The platform's roles. Residents have none: they hold a survey link.
 * A pure module, so the client imports the same list.
 */
export const ROLES = [
  "admin",
  "researcher",
  "program-viewer",
  "authority-analyst",
  "authority-coordinator",
  "kiosk",
] as const;
export type Role = (typeof ROLES)[number];

/** Roles a person signs in as (a kiosk is a device with a token, not a person). */
export const USER_ROLES = ROLES.filter((r) => r !== "kiosk") as Exclude<Role, "kiosk">[];
export type UserRole = Exclude<Role, "kiosk">;

/** Roles bound to one authority: they see nothing of any other. */
export const AUTHORITY_ROLES: ReadonlySet<Role> = new Set<Role>([
  "authority-analyst",
  "authority-coordinator",
  "kiosk",
]);

/**
 * Roles that must protect their account with a TOTP second factor: administrators,
 * and everyone who may reveal residents' personal data (whole phone numbers and
 * names, sign-ups): the roles of NUMBER_REVEALERS. Such an account signs in without
 * one only to enrol (server/auth/setup.ts).
 */
export const TOTP_REQUIRED_ROLES: ReadonlySet<Role> = new Set<Role>(["admin", ...NUMBER_REVEALERS]);

/** Roles that may protect their account with a TOTP second factor (and the required ones must). */
export const TOTP_ROLES: ReadonlySet<Role> = new Set<Role>(
  ROLES.filter((r) => TOTP_REQUIRED_ROLES.has(r) || r === "researcher"),
);

/** Named groups used in route declarations, so a route says who may call it in one word. */
export const STAFF: readonly Role[] = [
  "admin",
  "researcher",
  "program-viewer",
  "authority-analyst",
  "authority-coordinator",
];

/** Roles that export an authority's results table (the dashboard's own aggregates). */
export const RESULTS_EXPORTERS = ["admin", "researcher", "authority-analyst"] as const;
