import request from "supertest";
import type { Express } from "express";
import type { Types } from "mongoose";
import type { UserRole } from "../../server/shared/roles";
import { base32Decode, totp } from "../../server/auth/totp";
import { makeUser, TEST_PASSWORD } from "../factories/users";
import { nextTotpCode, rememberTotpSecret } from "./totp";

/** A signed-in client: a supertest agent keeping the cookie, and the session's CSRF token. */
export interface SignedIn {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  /** The Cookie header value, for requests that must not pick up a new Set-Cookie. */
  cookie: string;
  userId: string;
  email: string;
}

const cookieOf = (res: request.Response) =>
  ([] as string[])
    .concat(res.headers["set-cookie"] ?? [])
    .map((c) => c.split(";")[0]!)
    .join("; ");

/**
 * Signs in as an existing account, as a person would: with a code from the
 * authenticator when the account has TOTP, and, when its role requires TOTP and
 * it has none yet, enrolling one right after (unless `enrol` is false), so the
 * session opens everything its role may. The enrolled secret is remembered for
 * the next sign-in (test/helpers/totp.ts).
 */
export async function signIn(
  app: Express,
  email: string,
  password = TEST_PASSWORD,
  options: { enrol?: boolean } = {},
): Promise<SignedIn> {
  const agent = request.agent(app);
  let res = await agent.post("/api/auth/login").send({ email, password });
  if (res.status === 401 && res.body.error?.code === "TOTP_REQUIRED")
    res = await agent
      .post("/api/auth/login")
      .send({ email, password, totp: await nextTotpCode(email) });
  if (res.status !== 200)
    throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const signedIn = { agent, csrf: res.body.csrfToken, cookie: cookieOf(res), email };
  if (options.enrol !== false && res.body.user.setup?.includes("totp-enrolment"))
    await enrolTotp(app, signedIn);
  return { ...signedIn, userId: res.body.user.id };
}

/** Enrols a TOTP authenticator for a signed-in account through the API; remembers its secret. */
export async function enrolTotp(
  app: Express,
  s: Pick<SignedIn, "cookie" | "csrf" | "email">,
): Promise<string> {
  const setup = await request(app)
    .post("/api/auth/totp/setup")
    .set("Cookie", s.cookie)
    .set("X-CSRF-Token", s.csrf);
  if (setup.status !== 200) throw new Error(`TOTP setup failed: ${setup.status}`);
  const secret = setup.body.secret as string;
  const enabled = await request(app)
    .post("/api/auth/totp/enable")
    .set("Cookie", s.cookie)
    .set("X-CSRF-Token", s.csrf)
    .send({ code: totp(base32Decode(secret), Date.now() / 1000) });
  if (enabled.status !== 200) throw new Error(`TOTP enable failed: ${enabled.status}`);
  rememberTotpSecret(s.email, secret);
  return secret;
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
