/**
 * The page's `fetch` for component tests (see api-environment.ts): the
 * whatwg-fetch polyfill over jsdom's XMLHttpRequest, so the client's data
 * layer (client/shared/api.ts, useJson) makes real requests to the app the
 * test serves, with cookies kept as a browser keeps them.
 */
import type { RequestListener } from "node:http";
// Installs fetch, Headers, Request and Response on the window, which has none.
import "whatwg-fetch";
import { SERVE_APP } from "./api-environment";

/** Answers the page's requests with this app (an Express app or any request listener). */
export function serveApp(app: RequestListener): void {
  const serve = (globalThis as Record<string, unknown>)[SERVE_APP];
  if (typeof serve !== "function")
    throw new Error("serveApp needs @jest-environment ./test/client/support/api-environment.ts");
  (serve as (app: RequestListener) => void)(app);
}
