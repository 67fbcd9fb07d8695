/** The workspace's pages, parsed from the address. */
export type WorkspaceRoute =
  | { page: "home" }
  | { page: "bank" }
  | { page: "instruments" }
  | { page: "designer"; key: string }
  | { page: "not-found" };

/** Which workspace page a path names. */
export function workspaceRoute(pathname: string): WorkspaceRoute {
  const path = pathname.replace(/\/+$/, "");
  if (path === "/workspace") return { page: "home" };
  if (path === "/workspace/bank") return { page: "bank" };
  if (path === "/workspace/instruments") return { page: "instruments" };
  const designer = /^\/workspace\/instruments\/([a-z][a-z0-9_]{1,59})$/.exec(path);
  if (designer) return { page: "designer", key: designer[1]! };
  return { page: "not-found" };
}

/** A workspace link that keeps the language. */
export function hrefOf(path: string, locale: string): string {
  return `${path}?lang=${locale}`;
}
