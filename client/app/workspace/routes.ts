/** The workspace's pages, parsed from the address. */
export type WorkspaceRoute =
  | { page: "home" }
  | { page: "bank" }
  | { page: "instruments" }
  | { page: "designer"; key: string }
  | { page: "waves" }
  | { page: "wave-new" }
  | { page: "wave"; slug: string; waveId: string }
  | { page: "contacts"; slug: string; waveId: string }
  | { page: "wave-monitoring"; slug: string; waveId: string }
  | { page: "kiosks"; slug: string | null }
  | { page: "monitoring" }
  | { page: "reviews" }
  | { page: "users" }
  | { page: "audit" }
  | { page: "calendars" }
  | { page: "not-found" };

export type WorkspacePage = WorkspaceRoute["page"];

const SLUG = "([a-z0-9-]{2,60})";
const WAVE = `^/workspace/waves/${SLUG}/([0-9a-f]{24})`;

/** Which workspace page a path names. */
export function workspaceRoute(pathname: string): WorkspaceRoute {
  const path = pathname.replace(/\/+$/, "");
  if (path === "/workspace") return { page: "home" };
  if (path === "/workspace/bank") return { page: "bank" };
  if (path === "/workspace/instruments") return { page: "instruments" };
  if (path === "/workspace/waves") return { page: "waves" };
  if (path === "/workspace/waves/new") return { page: "wave-new" };
  if (path === "/workspace/monitoring") return { page: "monitoring" };
  if (path === "/workspace/reviews") return { page: "reviews" };
  if (path === "/workspace/users") return { page: "users" };
  if (path === "/workspace/audit") return { page: "audit" };
  if (path === "/workspace/calendars") return { page: "calendars" };
  if (path === "/workspace/kiosks") return { page: "kiosks", slug: null };
  const designer = /^\/workspace\/instruments\/([a-z][a-z0-9_]{1,59})$/.exec(path);
  if (designer) return { page: "designer", key: designer[1]! };
  const kiosks = new RegExp(`^/workspace/kiosks/${SLUG}$`).exec(path);
  if (kiosks) return { page: "kiosks", slug: kiosks[1]! };
  const wave = new RegExp(`${WAVE}(/contacts|/monitoring)?$`).exec(path);
  if (wave) {
    const [, slug, waveId, sub] = wave as unknown as [string, string, string, string | undefined];
    if (sub === "/contacts") return { page: "contacts", slug, waveId };
    if (sub === "/monitoring") return { page: "wave-monitoring", slug, waveId };
    return { page: "wave", slug, waveId };
  }
  return { page: "not-found" };
}

/** The address of one wave's page (`sub`: its contacts or monitoring). */
export function wavePath(slug: string, waveId: string, sub?: "contacts" | "monitoring"): string {
  return `/workspace/waves/${slug}/${waveId}${sub ? `/${sub}` : ""}`;
}

/** A workspace link that keeps the language. */
export function hrefOf(path: string, locale: string): string {
  return `${path}?lang=${locale}`;
}

/** Roles that design instruments and set up waves. */
const DESIGNERS = ["admin", "researcher"] as const;
/** Roles that manage accounts and read the audit log. */
const ADMINS = ["admin"] as const;
/** Roles that run fieldwork: contacts, kiosks, monitoring (the server scopes coordinators to their authority). */
const FIELDWORK = ["admin", "researcher", "authority-coordinator"] as const;

/** Who may open each page; the server checks every request again. */
export const PAGE_ROLES: Record<WorkspacePage, readonly string[]> = {
  home: FIELDWORK,
  bank: DESIGNERS,
  instruments: DESIGNERS,
  designer: DESIGNERS,
  waves: FIELDWORK,
  "wave-new": DESIGNERS,
  wave: FIELDWORK,
  contacts: FIELDWORK,
  "wave-monitoring": FIELDWORK,
  kiosks: FIELDWORK,
  monitoring: FIELDWORK,
  reviews: DESIGNERS,
  users: ADMINS,
  audit: ADMINS,
  // Only admins may PATCH an authority (server/authorities/routes.ts).
  calendars: ADMINS,
  "not-found": FIELDWORK,
};

/** Roles whose results pages answer: a coordinator runs fieldwork and sees no results. */
export const RESULT_ROLES: readonly string[] = ["admin", "researcher", "authority-analyst"];

/** The participation page of the coordinator's own authority; null for other roles. */
export function participationPathOf(role: string, authority: { slug: string } | null) {
  return role === "authority-coordinator" && authority ? `/participation/${authority.slug}` : null;
}

/** The section of the navigation a page belongs to. */
export function sectionOf(route: WorkspaceRoute): string {
  switch (route.page) {
    case "designer":
      return "instruments";
    case "wave-new":
    case "wave":
    case "contacts":
    case "wave-monitoring":
      return "waves";
    default:
      return route.page;
  }
}
