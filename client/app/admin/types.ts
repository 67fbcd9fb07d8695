/** The admin screens' shapes, as the users and audit routes send them. */
export interface AccountRow {
  id: string;
  email: string;
  name: string;
  role: string;
  authoritySlug: string | null;
  status: "invited" | "active" | "disabled";
  totpEnabled: boolean;
  lastLoginAt: string | null;
}

export interface AuthorityOption {
  slug: string;
  name: string;
}

export interface AuditRow {
  id: string;
  at: string;
  action: string;
  personal: boolean;
  actor: { kind: string; id: string | null; role: string | null; email: string | null };
  target: { kind: string; id: string | null };
  authoritySlug: string | null;
  ip: string | null;
}

/** Roles an account can have, in the order the screens list them. */
export const ACCOUNT_ROLES = [
  "admin",
  "researcher",
  "program-viewer",
  "authority-analyst",
  "authority-coordinator",
] as const;

/** Roles bound to one authority (server/shared/roles.ts AUTHORITY_ROLES). */
export const needsAuthority = (role: string) =>
  role === "authority-analyst" || role === "authority-coordinator";
