import mongoose from "mongoose";
import { Authority } from "../authorities/model";
import { User } from "../auth/model";
import { verifyPassword } from "../auth/password";
import { PUBLISHED_PASSWORDS } from "../auth/password-rules";
import { Wave } from "../waves/model";
import { DEMO_AUTHORITIES } from "./program";
import { DEMO_OPEN_LINK } from "./seed";
import { DEMO_EMAIL_DOMAIN, DEMO_USERS } from "./users";

/** Any address at the demo's domain or a subdomain of it. */
const DEMO_EMAIL = new RegExp(`[@.]${DEMO_EMAIL_DOMAIN.replace(/[.]/g, "\\.")}$`, "i");

/**
 * What in the store betrays a development or demo start, one phrase per kind, for
 * production to refuse it: demo accounts (their password was printed to whoever ran
 * `npm start`), the demo program (a live `/take/demo` and synthetic results), and admin
 * accounts whose password is one this platform once published. Empty when clean.
 */
export async function demoTraces(): Promise<string[]> {
  const traces: string[] = [];
  // Our own constants, so trusted past sanitizeFilter.
  const demoAccounts = await User.countDocuments({
    $or: [
      { email: mongoose.trusted({ $in: DEMO_USERS.map((u) => u.email) }) },
      { email: DEMO_EMAIL },
    ],
  });
  if (demoAccounts > 0) traces.push(`${demoAccounts} demo account(s)`);
  const demoProgram =
    (await Authority.exists({
      slug: mongoose.trusted({ $in: DEMO_AUTHORITIES.map((a) => a.slug) }),
    })) !== null || (await Wave.exists({ openLinkSlug: DEMO_OPEN_LINK })) !== null;
  if (demoProgram) traces.push("the demo program (its authorities or /take/demo)");
  // Few admins, and scrypt is slow on purpose: this costs one hash per admin and password.
  const admins = await User.find({ role: "admin" }, { email: 1, passwordHash: 1 }).lean();
  const published: string[] = [];
  for (const admin of admins) {
    if (!admin.passwordHash) continue;
    for (const password of PUBLISHED_PASSWORDS) {
      if (await verifyPassword(password, admin.passwordHash)) published.push(admin.email);
    }
  }
  if (published.length > 0)
    traces.push(`admin account(s) with a published password: ${published.join(", ")}`);
  return traces;
}
