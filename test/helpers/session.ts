import request from "supertest";
import type { Express } from "express";
import type { Types } from "mongoose";
import type { UserRole } from "../../server/auth/roles";
import { makeUser, TEST_PASSWORD } from "../factories/users";

/** A signed-in client: a supertest agent keeping the cookie, and the session's CSRF token. */
export interface SignedIn {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  /** The Cookie header value, for requests that must not pick up a new Set-Cookie. */
  cookie: string;
  userId: string;
  email: string;
}

/** Signs in as an existing account. */
export async function signIn(
  app: Express,
  email: string,
  password = TEST_PASSWORD,
): Promise<SignedIn> {
  const agent = request.agent(app);
  const res = await agent.post("/api/auth/login").send({ email, password });
  if (res.status !== 200)
    throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const setCookie = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
  const cookie = setCookie.map((c) => c.split(";")[0]!).join("; ");
  return { agent, csrf: res.body.csrfToken, cookie, userId: res.body.user.id, email };
}

/** Makes an account of the role and signs in as it. */
export async function signInAs(
  app: Express,
  role: UserRole,
  authorityId?: Types.ObjectId,
): Promise<SignedIn> {
  const user = await makeUser(role, { authorityId });
  return signIn(app, user.email);
}
