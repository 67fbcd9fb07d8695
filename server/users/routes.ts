import { z } from "zod";
import type { Config } from "../config";
import type { UserPrincipal } from "../access/principal";
import { USER_ROLES } from "../shared/roles";
import { ForbiddenError } from "../errors";
import { defineRoute } from "../http/route";
import { forcePasswordReset } from "../auth/password-change";
import { inviteUser, listUsers, resetUserTotp, revokeUserSessions, updateUser } from "./service";
import { langQuery, objectId } from "../shared/schemas";

const slug = z.string().regex(/^[a-z0-9-]{2,60}$/);

const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(USER_ROLES),
  authoritySlug: z.string().nullable(),
  status: z.enum(["invited", "active", "disabled"]),
  totpEnabled: z.boolean(),
  lastLoginAt: z.iso.datetime().nullable(),
});

const inviteSchema = z.object({
  email: z.email().max(254),
  role: z.enum(USER_ROLES),
  authoritySlug: slug.optional().describe("Required for authority roles, refused for others"),
  name: z.string().trim().max(120).optional(),
});

const updateSchema = z
  .object({
    role: z.enum(USER_ROLES).optional(),
    authoritySlug: slug.nullable().optional(),
    status: z.enum(["active", "disabled"]).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to change" });

const userParams = z.object({ id: objectId });

function asUser(principal: { kind: string }): UserPrincipal {
  if (principal.kind !== "user") throw new ForbiddenError();
  return principal as UserPrincipal;
}

/** Account administration, admins only. */
export function userRoutes(config: Pick<Config, "inviteTtlHours" | "publicUrl">) {
  return [
    defineRoute({
      method: "get",
      path: "/api/users",
      summary: "Every account (audited read)",
      tags: ["admin"],
      auth: ["admin"],
      query: langQuery,
      response: { status: 200, schema: z.array(userSchema), description: "Accounts by email" },
      errors: [400, 401, 403],
      handler: async ({ principal, req }) => ({
        status: 200,
        body: await listUsers(asUser(principal), req.ip),
        headers: { "Cache-Control": "no-store" },
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/users/invites",
      summary: "Invite a person; the one-time link is returned to show to the admin",
      tags: ["admin"],
      auth: ["admin"],
      query: langQuery,
      body: inviteSchema,
      response: {
        status: 201,
        schema: z.object({ user: userSchema, inviteUrl: z.string(), expiresAt: z.iso.datetime() }),
        description: "The invited account and its link",
      },
      errors: [400, 401, 403, 409, 413, 415],
      handler: async ({ principal, body, req }) => ({
        status: 201,
        body: await inviteUser(asUser(principal), body, req.ip, config),
        headers: { "Cache-Control": "no-store" },
      }),
    }),
    defineRoute({
      method: "patch",
      path: "/api/users/:id",
      summary: "Change a role, authority or status (audited; ends the user's sessions)",
      tags: ["admin"],
      auth: ["admin"],
      params: userParams,
      query: langQuery,
      body: updateSchema,
      response: { status: 200, schema: userSchema, description: "The updated account" },
      errors: [400, 401, 403, 404, 409, 413, 415],
      handler: async ({ principal, params, body, req }) => ({
        status: 200,
        body: await updateUser(asUser(principal), params.id, body, req.ip),
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/users/:id/sessions/revoke",
      summary: "End every session of an account",
      tags: ["admin"],
      auth: ["admin"],
      params: userParams,
      query: langQuery,
      response: {
        status: 200,
        schema: z.object({ revoked: z.number().int() }),
        description: "Sessions ended",
      },
      errors: [400, 401, 403, 404],
      handler: async ({ principal, params, req }) => ({
        status: 200,
        body: await revokeUserSessions(asUser(principal), params.id, req.ip),
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/users/:id/password-reset",
      summary: "Make an account choose a new password at its next sign-in; its sessions end now",
      tags: ["admin"],
      auth: ["admin"],
      params: userParams,
      query: langQuery,
      response: {
        status: 200,
        schema: z.object({ revoked: z.number().int() }),
        description: "Reset required; sessions ended",
      },
      errors: [400, 401, 403, 404],
      handler: async ({ principal, params, req }) => ({
        status: 200,
        body: await forcePasswordReset(asUser(principal), params.id, req.ip),
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/users/:id/totp-reset",
      summary:
        "Switch an account's authenticator off (a lost phone); it enrols a new one at its next sign-in",
      tags: ["admin"],
      auth: ["admin"],
      params: userParams,
      query: langQuery,
      response: {
        status: 200,
        schema: z.object({ revoked: z.number().int() }),
        description: "Authenticator reset; sessions ended",
      },
      errors: [400, 401, 403, 404, 409],
      handler: async ({ principal, params, req }) => ({
        status: 200,
        body: await resetUserTotp(asUser(principal), params.id, req.ip),
      }),
    }),
  ];
}
