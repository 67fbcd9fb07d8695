/** `/participation/<slug>`; null for any other path. Apart from the page, so routing does not load it. */
export function participationSlug(pathname: string): string | null {
  const match = /^\/participation\/([a-z0-9-]{2,60})\/?$/.exec(pathname);
  return match ? match[1]! : null;
}
