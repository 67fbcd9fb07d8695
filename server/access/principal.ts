import type { Types } from "mongoose";
import type { Role, UserRole } from "../shared/roles";
import type { AccountSetupStep } from "../auth/setup";

/** A signed-in person (cookie session). */
export interface UserPrincipal {
  kind: "user";
  id: string;
  email: string;
  name: string;
  role: UserRole;
  /** The one authority of an authority role; null for program-wide roles. */
  authorityId: Types.ObjectId | null;
  totpEnabled: boolean;
  /**
   * What the account must do before anything else (enrol TOTP, choose a new
   * password); while not empty only routes marked `duringSetup` admit it.
   */
  setup: AccountSetupStep[];
  sessionId: string;
  /** Token the client echoes in X-CSRF-Token on every mutation. */
  csrfToken: string;
}

/** A kiosk tablet (device bearer token), bound to one authority and one wave. */
export interface KioskPrincipal {
  kind: "kiosk";
  id: string;
  role: "kiosk";
  authorityId: Types.ObjectId;
  waveId: Types.ObjectId;
}

/** Whoever is calling; residents with a survey link are not principals. */
export type Principal = UserPrincipal | KioskPrincipal;

/** How the caller proved who they are; CSRF checks apply to cookies only. */
export type AuthVia = "cookie" | "bearer";

export type { Role };
