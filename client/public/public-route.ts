/** Where the public entry is: the page a path asks for, or null for none. */
export type PublicRoute =
  | { kind: "page"; slug: string }
  | { kind: "withdraw"; token: string }
  | { kind: "accessibility"; slug: string | null };

/**
 * `/p/<slug>` (transparency), `/w/<token>` (withdraw a sign-up), or the
 * accessibility statement: `/accessibility`, or `/p/<slug>/accessibility` with
 * that authority's contact.
 */
export function routeOf(pathname: string): PublicRoute | null {
  if (/^\/accessibility\/?$/.test(pathname)) return { kind: "accessibility", slug: null };
  const statement = /^\/p\/([a-z0-9-]{2,60})\/accessibility\/?$/.exec(pathname);
  if (statement) return { kind: "accessibility", slug: statement[1]! };
  const page = /^\/p\/([a-z0-9-]{2,60})\/?$/.exec(pathname);
  if (page) return { kind: "page", slug: page[1]! };
  const withdraw = /^\/w\/([A-Za-z0-9_-]{20,64})\/?$/.exec(pathname);
  return withdraw ? { kind: "withdraw", token: withdraw[1]! } : null;
}
