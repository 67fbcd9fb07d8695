/** runOnRequirements evaluation for the unified test format. */

export type Topology = "single" | "replicaset" | "sharded" | "load-balanced";

/** What the runner knows about the server it would run a test on. */
export interface ServerInfo {
  version: string;
  topology: Topology;
}

export interface RunOnRequirement {
  minServerVersion?: string;
  maxServerVersion?: string;
  topologies?: string[];
  serverless?: "require" | "forbid" | "allow";
  serverParameters?: Record<string, unknown>;
  auth?: boolean;
  authMechanism?: string;
  csfle?: boolean | Record<string, unknown>;
}

/** Compares dotted versions; missing parts count as 0 ("7.0" equals "7.0.0"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split(".").map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Why one requirement is not met by the server, or undefined when it is. */
export function unmetBy(req: RunOnRequirement, server: ServerInfo): string | undefined {
  if (req.minServerVersion && compareVersions(server.version, req.minServerVersion) < 0)
    return `needs server >= ${req.minServerVersion}`;
  if (req.maxServerVersion && compareVersions(server.version, req.maxServerVersion) > 0)
    return `needs server <= ${req.maxServerVersion}`;
  if (req.topologies) {
    const wanted = req.topologies.map((t) => (t === "sharded-replicaset" ? "sharded" : t));
    if (!wanted.includes(server.topology)) return `needs topology ${req.topologies.join("/")}`;
  }
  if (req.serverless === "require") return "needs serverless";
  if (req.auth === true) return "needs auth";
  if (req.authMechanism) return `needs auth mechanism ${req.authMechanism}`;
  if (req.csfle) return "needs CSFLE";
  if (req.serverParameters) return "needs server parameters";
  return undefined;
}

/**
 * Undefined when any requirement is met (or there are none); otherwise the reasons
 * the first requirement gave, joined.
 */
export function unmetRequirements(
  reqs: RunOnRequirement[] | undefined,
  server: ServerInfo,
): string | undefined {
  if (!reqs || reqs.length === 0) return undefined;
  const reasons: string[] = [];
  for (const req of reqs) {
    const why = unmetBy(req, server);
    if (!why) return undefined;
    reasons.push(why);
  }
  return [...new Set(reasons)].join(" or ");
}

/**
 * Picks the first topology the embedded server can present (standalone, then a
 * one-member replica set) that meets the requirements of both the file and the test.
 */
export function chooseTopology(
  version: string,
  fileReqs: RunOnRequirement[] | undefined,
  testReqs: RunOnRequirement[] | undefined,
): { topology: Topology } | { skip: string } {
  let reason = "";
  for (const topology of ["single", "replicaset"] as const) {
    const server = { version, topology };
    const fileWhy = unmetRequirements(fileReqs, server);
    const why = fileWhy ?? unmetRequirements(testReqs, server);
    if (!why) return { topology };
    // Prefer the reason from a topology the file itself accepts: it names what the test needs.
    if (!reason || !fileWhy) reason = why;
  }
  return { skip: reason };
}
