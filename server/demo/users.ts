import { Authority } from "../authorities/model";
import { User } from "../auth/model";
import { hashPassword } from "../auth/password";
import type { UserRole } from "../shared/roles";

/** The demo's people: one of each role; authority roles belong to the first demo authority. */
export const DEMO_USERS: ReadonlyArray<{
  email: string;
  name: string;
  role: UserRole;
  authoritySlug?: string;
}> = [
  { email: "researcher@demo.kehila-pulse.test", name: "Demo researcher", role: "researcher" },
  { email: "viewer@demo.kehila-pulse.test", name: "Demo program viewer", role: "program-viewer" },
  {
    email: "analyst@ramat-tamar.demo.kehila-pulse.test",
    name: "Demo analyst, Ramat Tamar",
    role: "authority-analyst",
    authoritySlug: "ramat-tamar",
  },
  {
    email: "coordinator@ramat-tamar.demo.kehila-pulse.test",
    name: "Demo coordinator, Ramat Tamar",
    role: "authority-coordinator",
    authoritySlug: "ramat-tamar",
  },
  {
    email: "analyst@kafr-zahra.demo.kehila-pulse.test",
    name: "Demo analyst, Kafr Zahra",
    role: "authority-analyst",
    authoritySlug: "kafr-zahra",
  },
];

/** Whether an email is one of the demo's (they all end in this domain). */
export const DEMO_EMAIL_DOMAIN = "demo.kehila-pulse.test";

/**
 * Creates the demo accounts that do not exist yet (idempotent), so every role
 * can be explored. They share `password`: the data directory's generated demo
 * password that `npm start` prints (config.demoPassword), or a test's own; never a
 * constant. The admin comes from ADMIN_EMAIL / ADMIN_PASSWORD instead.
 */
export async function ensureDemoUsers(password: string): Promise<number> {
  let created = 0;
  const passwordHash = await hashPassword(password);
  for (const u of DEMO_USERS) {
    if (await User.exists({ email: u.email })) continue;
    const authority = u.authoritySlug
      ? await Authority.findOne({ slug: u.authoritySlug }, { _id: 1 }).lean()
      : null;
    if (u.authoritySlug && !authority) continue;
    await User.create({
      email: u.email,
      name: u.name,
      role: u.role,
      authorityId: authority?._id,
      status: "active",
      passwordHash,
    });
    created += 1;
  }
  return created;
}
