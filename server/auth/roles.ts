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

/** Roles that may (and should) protect their account with a TOTP second factor. */
export const TOTP_ROLES: ReadonlySet<Role> = new Set<Role>(["admin", "researcher"]);

/** Named groups used in route declarations, so a route says who may call it in one word. */
export const STAFF: readonly Role[] = [
  "admin",
  "researcher",
  "program-viewer",
  "authority-analyst",
  "authority-coordinator",
];
