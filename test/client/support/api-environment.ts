/**
 * Jest's jsdom environment for component tests that talk to the real server.
 *
 * jsdom has no `fetch`. Rather than a mock, the page gets the `whatwg-fetch`
 * polyfill (installed by api-fetch.ts inside the test), which runs each request
 * through jsdom's own XMLHttpRequest: real HTTP, with jsdom's cookie jar and
 * same-origin rules, as a browser would. For relative URLs (`/api/...`) to
 * reach the test's server, the page's address is this environment's HTTP
 * server; the test hands it the app to answer with (`serveApp(app)`).
 *
 * The HTTP server is this environment's (its port must be known before jsdom
 * makes the page); the app it serves, the store and the factories run in the
 * test as in every other test file. Packages resolve with Node's export
 * conditions, so the app is the server's code, not a browser build, and the
 * page is given the few Node globals the server needs (NODE_GLOBALS).
 * Use with `@jest-environment ./test/client/support/api-environment.ts`.
 */
import http, { type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import type { EnvironmentContext, JestEnvironmentConfig } from "@jest/environment";
import { TestEnvironment } from "jest-environment-jsdom";
import { OPEN_STORES, type OpenStores } from "../../helpers/open-stores";

/**
 * Globals of Node that the server in the test needs and jsdom's window lacks
 * or has otherwise: its timers return numbers, where the server keeps a timer
 * from holding the process open (`unref`). The page's code runs on Node's
 * timers too, as it does in every other jest file.
 */
const NODE_GLOBALS = [
  "TextEncoder",
  "TextDecoder",
  "setImmediate",
  "clearImmediate",
  "setTimeout",
  "clearTimeout",
  "setInterval",
  "clearInterval",
  "structuredClone",
  // jsdom's crypto has no `subtle`, which the driver's authentication uses.
  "crypto",
] as const;

/** The global through which a test gives the environment's server its app. */
export const SERVE_APP = "__kpServeApp";

export default class ApiEnvironment extends TestEnvironment {
  private readonly server: http.Server;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    // The page's origin is fixed when jsdom makes its document, here: the port
    // must be known now. A listen without a host binds at once (with one, it
    // would wait for a lookup); the page reaches it over the loopback address.
    const server = http.createServer((req, res) => handle(req, res));
    server.listen(0);
    const { port } = server.address() as AddressInfo;
    let handler: RequestListener | null = null;
    const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (handler) return void handler(req, res);
      res.statusCode = 503;
      res.end("no app: call serveApp(app) first");
    };
    super(
      {
        ...config,
        projectConfig: {
          ...config.projectConfig,
          testEnvironmentOptions: {
            ...config.projectConfig.testEnvironmentOptions,
            customExportConditions: ["node", "node-addons"],
            url: `http://127.0.0.1:${port}/`,
          },
        },
      },
      context,
    );
    // Node's globals that the server's code uses and a page does not have.
    // Defined, not assigned: some (crypto) are read-only accessors on the window.
    for (const name of NODE_GLOBALS)
      Object.defineProperty(this.global, name, {
        value: globalThis[name],
        writable: true,
        configurable: true,
      });
    // Mongoose warns of jsdom, meaning a page-only setup; here Node runs the server on purpose.
    (this.global.process as NodeJS.Process).env.SUPPRESS_JEST_WARNINGS = "true";
    this.server = server;
    this.global[SERVE_APP] = (app: RequestListener) => {
      handler = app;
    };
  }

  override async teardown(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    const open = this.global?.[OPEN_STORES] as OpenStores | undefined;
    if (open && open.size > 0) {
      console.warn(`${open.size} test store(s) left open: closed after the file`);
      for (const close of [...open.keys()]) await close().catch(() => undefined);
    }
    await super.teardown();
  }
}
