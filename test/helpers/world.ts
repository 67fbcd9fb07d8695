/**
 * A small program with one caller of every role, shared by the role × route
 * matrix and the fuzz test: two authorities (the callers' own, and another),
 * an open wave in each, a kiosk of the own authority, and a spare account the
 * admin routes act on.
 */
import { randomUUID } from "node:crypto";
import request from "supertest";
import type { Express } from "express";
import type { Types } from "mongoose";
import { User } from "../../server/auth/model";
import { ROLES, type Role, type UserRole } from "../../server/shared/roles";
import { hashToken, newToken } from "../../server/auth/tokens";
import { KioskDevice } from "../../server/kiosk/model";
import { makeOpenWave } from "../factories/program";
import { makeUser } from "../factories/users";
import { answerAll } from "./answers";
import { signIn } from "./session";

export type Caller = Role | "anonymous";
export const CALLERS: readonly Caller[] = ["anonymous", ...ROLES];

/** Sends one request as a caller: cookie and CSRF header for people, bearer for the kiosk. */
export type Send = (
  method: "get" | "post" | "patch" | "put" | "delete",
  path: string,
  body?: unknown,
) => request.Test;

export interface World {
  own: { slug: string; authorityId: Types.ObjectId; waveId: string; openLink: string };
  other: { slug: string; authorityId: Types.ObjectId; waveId: string; openLink: string };
  as: Record<Caller, Send>;
  /** Account admin routes act on, never one of the callers. */
  spareUserId: string;
  survey: Record<string, unknown>;
  validSubmission(): { locale: "he"; submissionId: string; answers: Record<string, unknown> };
  newKiosk(authorityId: Types.ObjectId, waveId: string): Promise<string>;
  newInviteToken(): Promise<string>;
  loginBody(): Promise<{ email: string; password: string }>;
  /**
   * Headers of a new session of another account of the caller's role (none for
   * the kiosk and anonymous), for a route that ends the session it is called
   * with (a password change) without ending the caller's own.
   */
  freshSession(caller: Caller): Promise<Record<string, string>>;
}

export async function buildWorld(app: Express): Promise<World> {
  const a = await makeOpenWave();
  const b = await makeOpenWave();
  const own = {
    slug: a.authority.slug,
    authorityId: a.authority._id,
    waveId: a.wave._id.toHexString(),
    openLink: a.slug,
  };
  const other = {
    slug: b.authority.slug,
    authorityId: b.authority._id,
    waveId: b.wave._id.toHexString(),
    openLink: b.slug,
  };

  const as = {} as Record<Caller, Send>;
  as.anonymous = (method, path, body) => {
    const r = request(app)[method](path);
    return body === undefined ? r : r.send(body as object);
  };
  for (const role of ROLES.filter((r): r is UserRole => r !== "kiosk")) {
    const authorityId = role.startsWith("authority-") ? own.authorityId : undefined;
    const user = await makeUser(role, { authorityId });
    const s = await signIn(app, user.email);
    as[role] = (method, path, body) => {
      // A fixed Cookie header, not the agent's jar: a login inside the matrix must not
      // swap the caller's session for another.
      const r = request(app)[method](path).set("Cookie", s.cookie).set("X-CSRF-Token", s.csrf);
      return body === undefined ? r : r.send(body as object);
    };
  }
  const newKiosk = async (authorityId: Types.ObjectId, waveId: string) => {
    const token = newToken("kd_");
    const device = await KioskDevice.create({
      authorityId,
      waveId,
      label: "lobby",
      tokenHash: hashToken(token),
    });
    kioskTokens.set(device._id.toHexString(), token);
    return device._id.toHexString();
  };
  const kioskTokens = new Map<string, string>();
  const kioskId = await newKiosk(own.authorityId, own.waveId);
  const kioskToken = kioskTokens.get(kioskId)!;
  as.kiosk = (method, path, body) => {
    const r = request(app)[method](path).set("Authorization", `Bearer ${kioskToken}`);
    return body === undefined ? r : r.send(body as object);
  };

  const spare = await makeUser("researcher");
  const survey = (await request(app).get(`/api/take/${own.openLink}?lang=he`).expect(200)).body
    .survey as Record<string, unknown>;
  const answers = answerAll(survey);

  return {
    own,
    other,
    as,
    spareUserId: spare._id.toHexString(),
    survey,
    validSubmission: () => ({ locale: "he", submissionId: randomUUID(), answers }),
    newKiosk,
    newInviteToken: async () => {
      const token = newToken();
      await User.create({
        email: `invitee-${randomUUID()}@test.example`,
        role: "researcher",
        status: "invited",
        invite: { tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 3_600_000) },
      });
      return token;
    },
    freshSession: async (caller): Promise<Record<string, string>> => {
      if (caller === "anonymous" || caller === "kiosk") return {};
      const authorityId = caller.startsWith("authority-") ? own.authorityId : undefined;
      const s = await signIn(app, (await makeUser(caller, { authorityId })).email);
      return { Cookie: s.cookie, "X-CSRF-Token": s.csrf };
    },
    loginBody: async () => {
      const u = await makeUser("program-viewer");
      return { email: u.email, password: "correct horse battery staple" };
    },
  };
}
