import fs from "node:fs";
import path from "node:path";
import express, { type Router } from "express";
import expressStaticGzip from "express-static-gzip";
import type { Logger } from "pino";
import type { MountOptions, RouteDef } from "../http/route";
import { kioskPage } from "./kiosk-page";
import { takePage } from "./take-page";

/** What the respondent page needs to carry the survey inline: the API's routes and limits. */
export interface InlineSurveys {
  routes: readonly RouteDef[];
  options: MountOptions;
  logger?: Logger;
}

/**
 * Serves the built client. Residents' pages (`/take/...`) get their own entry so
 * they never download workspace code; hashed assets are cached for a year, HTML
 * never.
 */
export function clientRouter(clientDir: string, inline?: InlineSurveys): Router {
  const router = express.Router();
  const page = (file: string) => path.join(clientDir, file);
  // Hashed assets, sent as the build compressed them (client/vite.config.mts) when
  // the browser takes brotli or gzip, so no request compresses them again.
  router.use(
    "/assets",
    expressStaticGzip(path.join(clientDir, "assets"), {
      enableBrotli: true,
      orderPreference: ["br", "gz"],
      index: false,
      serveStatic: { immutable: true, maxAge: "365d", index: false },
    }),
  );
  router.use(express.static(clientDir, { index: false, maxAge: 0 }));
  const sendPage = (file: string) => (_req: express.Request, res: express.Response) => {
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(page(file));
  };
  // A survey link's page carries its first page and the survey (server/web/take-page.ts).
  const api = (p: string) => inline?.routes.find((r) => r.method === "get" && r.path === p);
  const options = inline?.options;
  router.get("/take/:slug", takePage(clientDir, api("/api/take/:slug"), options, inline?.logger));
  router.get("/r/:token", takePage(clientDir, api("/api/r/:token"), options, inline?.logger));
  // "/take" alone is a resident's link cut short: their page says so (not the staff login).
  router.get("/take", takePage(clientDir, undefined, undefined));
  router.get("/kiosk", kioskPage(clientDir));
  // Public pages (transparency, withdrawing a sign-up, the accessibility statement)
  // have their own light entry.
  router.get(
    ["/p/:slug", "/w/:token", "/p/:slug/accessibility", "/accessibility"],
    sendPage("public.html"),
  );
  router.get(/^\/(?!api\/).*/, sendPage("index.html"));
  return router;
}

/** True when a build of the client exists in the directory. */
export function hasClientBuild(clientDir: string): boolean {
  return (
    fs.existsSync(path.join(clientDir, "index.html")) &&
    fs.existsSync(path.join(clientDir, "take.html"))
  );
}
