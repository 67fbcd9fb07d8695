import { Authority } from "../authorities/model";
import type { UserPrincipal } from "../access/principal";
import { audit } from "../audit/service";
import { defineRoute } from "../http/route";
import { clearedSessionCookie, sessionCookie } from "./cookies";
import { STAFF, TOTP_ROLES } from "../shared/roles";
import {
  acceptInviteSchema,
  inviteInfoSchema,
  inviteParams,
  langOnly,
  loginSchema,
  okSchema,
  passwordChangeSchema,
  sessionSchema,
  totpCodeSchema,
  totpSetupSchema,
  type SessionInfo,
} from "./schema";
import {
  acceptInvite,
  describeInvite,
  enableTotp,
  login,
  startTotp,
  type AuthDeps,
} from "./service";
import type { Types } from "mongoose";
import type { UserDoc } from "./model";
import { changePassword } from "./password-change";
import { revokeSession } from "./sessions";
import { pendingSetup } from "./setup";
import { ForbiddenError } from "../errors";

const NO_STORE = { "Cache-Control": "no-store" };

/** The session's public shape: never a hash, a secret or a session id. */
async function presentSession(
  user: Omit<UserPrincipal, "kind" | "sessionId" | "csrfToken">,
  csrfToken: string,
): Promise<SessionInfo> {
  const authority = user.authorityId
    ? await Authority.findById(user.authorityId, { slug: 1 }).lean()
    : null;
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      authority: authority ? { id: authority._id.toHexString(), slug: authority.slug } : null,
      totpEnabled: user.totpEnabled,
      setup: user.setup,
    },
    csrfToken,
  };
}

/** The answer that opens a session: the session's shape and its cookie. */
async function sessionAnswer(
  user: UserDoc & { _id: Types.ObjectId },
  session: { token: string; csrfToken: string; expiresAt: Date },
  secure: boolean,
) {
  return {
    status: 200,
    body: await presentSession(
      {
        id: user._id.toHexString(),
        email: user.email,
        name: user.name ?? "",
        role: user.role as UserPrincipal["role"],
        authorityId: user.authorityId ?? null,
        totpEnabled: user.totp?.enabled === true,
        setup: pendingSetup(user),
      },
      session.csrfToken,
    ),
    headers: {
      ...NO_STORE,
      "Set-Cookie": sessionCookie(session.token, {
        secure,
        maxAgeSeconds: (session.expiresAt.getTime() - Date.now()) / 1000,
      }),
    },
  };
}

function asUser(principal: { kind: string }): UserPrincipal {
  if (principal.kind !== "user") throw new ForbiddenError();
  return principal as UserPrincipal;
}

/**
 * Sign-in, sign-out, the current session, password change, TOTP enrolment and
 * invite links. The routes marked `duringSetup` are all a session owing account
 * setup (a new password, TOTP enrolment) may use.
 */
export function authRoutes(deps: AuthDeps) {
  const secure = deps.config.session.secureCookie;
  const signedIn = (
    user: Parameters<typeof sessionAnswer>[0],
    session: Parameters<typeof sessionAnswer>[1],
  ) => sessionAnswer(user, session, secure);
  return [
    defineRoute({
      method: "post",
      path: "/api/auth/login",
      summary: "Sign in with email and password (and a TOTP code when enabled)",
      tags: ["auth"],
      auth: "public",
      query: langOnly,
      body: loginSchema,
      response: { status: 200, schema: sessionSchema, description: "Signed in; cookie set" },
      errors: [400, 401, 403, 413, 415, 429, 503],
      handler: async ({ body, req }) => {
        const { user, session } = await login(body, req.ip, deps);
        return signedIn(user, session);
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/auth/logout",
      summary: "Sign out: the session is revoked on the server",
      tags: ["auth"],
      duringSetup: true,
      auth: STAFF,
      query: langOnly,
      response: { status: 200, schema: okSchema, description: "Signed out; cookie cleared" },
      errors: [401, 403],
      handler: async ({ principal, req }) => {
        const user = asUser(principal);
        await revokeSession(user.sessionId);
        await audit({
          action: "auth.logout",
          actor: user,
          target: { kind: "user", id: user.id },
          ip: req.ip,
        });
        return {
          status: 200,
          body: { ok: true as const },
          headers: { ...NO_STORE, "Set-Cookie": clearedSessionCookie(secure) },
        };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/auth/session",
      summary: "The signed-in user and the session's CSRF token",
      tags: ["auth"],
      duringSetup: true,
      auth: STAFF,
      query: langOnly,
      response: { status: 200, schema: sessionSchema, description: "The current session" },
      errors: [401, 403],
      handler: async ({ principal }) => {
        const user = asUser(principal);
        return { status: 200, body: await presentSession(user, user.csrfToken), headers: NO_STORE };
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/auth/totp/setup",
      summary:
        "Start TOTP enrolment (required of admins and coordinators, open to researchers): a new secret to scan",
      tags: ["auth"],
      duringSetup: true,
      auth: [...TOTP_ROLES],
      query: langOnly,
      response: { status: 200, schema: totpSetupSchema, description: "The secret, shown once" },
      errors: [401, 403, 409],
      handler: async ({ principal }) => ({
        status: 200,
        body: await startTotp(asUser(principal), deps),
        headers: NO_STORE,
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/auth/totp/enable",
      summary: "Finish TOTP enrolment with a first code",
      tags: ["auth"],
      duringSetup: true,
      auth: [...TOTP_ROLES],
      query: langOnly,
      body: totpCodeSchema,
      response: { status: 200, schema: okSchema, description: "TOTP required from now on" },
      errors: [400, 401, 403, 409, 413, 415],
      handler: async ({ principal, body, req }) => {
        await enableTotp(asUser(principal), body.code, req.ip, deps);
        return { status: 200, body: { ok: true as const } };
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/auth/password",
      summary:
        "Change one's own password (the current one, then a new one): every session of the account ends, this one is replaced",
      tags: ["auth"],
      auth: STAFF,
      duringSetup: true,
      query: langOnly,
      body: passwordChangeSchema,
      response: {
        status: 200,
        schema: sessionSchema,
        description: "Changed; a new session cookie and CSRF token replace the old ones",
      },
      errors: [400, 401, 403, 413, 415, 429, 503],
      handler: async ({ principal, body, req }) => {
        const { user, session } = await changePassword(asUser(principal), body, req.ip, deps);
        return signedIn(user, session);
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/auth/invites/:token",
      summary: "What an invite link is for (email and role)",
      tags: ["auth"],
      auth: "public",
      params: inviteParams,
      query: langOnly,
      response: { status: 200, schema: inviteInfoSchema, description: "The invite" },
      errors: [400, 404, 429],
      handler: async ({ params }) => ({
        status: 200,
        body: await describeInvite(params.token),
        headers: NO_STORE,
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/auth/invites/:token",
      summary: "Accept an invite: choose a password; the link then stops working",
      tags: ["auth"],
      auth: "public",
      params: inviteParams,
      query: langOnly,
      body: acceptInviteSchema,
      response: {
        status: 200,
        schema: inviteInfoSchema.pick({ email: true }),
        description: "Account active",
      },
      errors: [400, 404, 413, 415, 429],
      handler: async ({ params, body }) => ({
        status: 200,
        body: await acceptInvite(params.token, body),
      }),
    }),
  ];
}
