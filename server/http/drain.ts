import type { Server } from "node:http";

/**
 * Stops an HTTP server without dropping work: it stops listening at once (new
 * connections are refused), lets every request in flight finish, and sends
 * `Connection: close` on every response from then on so keep-alive clients go
 * away instead of holding the server open. Node's `server.close()` alone waits
 * for busy keep-alive connections, which a steady load keeps busy until the
 * grace period runs out and they are cut mid-request. Connections still open
 * after `graceMs` are closed; `onClosed` runs once the server is closed.
 */
export function drainServer(server: Server, graceMs: number, onClosed: () => void): void {
  server.prependListener("request", (_req, res) => {
    if (!res.headersSent) res.setHeader("Connection", "close");
  });
  // A connection whose request was in flight at the signal turns idle once answered.
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  const force = setTimeout(() => server.closeAllConnections(), graceMs);
  idle.unref();
  force.unref();
  server.close(() => {
    clearInterval(idle);
    clearTimeout(force);
    onClosed();
  });
  server.closeIdleConnections();
}
