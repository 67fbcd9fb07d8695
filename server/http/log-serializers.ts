import type { IncomingMessage, ServerResponse } from "node:http";

/** Path segments that are secrets: personal survey links, invites, withdrawal links. */
const SECRET_PATHS = /\/(r|w|invite|invites|withdraw)\/[^/?#]+/gi;

/** A URL for a log line: secrets in the path and the whole query string left out. */
export function loggableUrl(url: string | undefined): string {
  if (!url) return "";
  const path = url.split("?")[0]!;
  return path.replace(SECRET_PATHS, "/$1/[token]");
}

/**
 * What a request log line keeps: method, a cleaned URL and the status. No
 * headers (cookies, tokens, a resident's user agent and address stay out) and
 * far less to serialise on every request.
 */
export const httpLogSerializers = {
  req: (req: IncomingMessage & { id?: unknown }) => ({
    id: req.id,
    method: req.method,
    url: loggableUrl(req.url),
  }),
  res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
};
