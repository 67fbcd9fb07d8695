import fs from "node:fs";
import path from "node:path";
import express, { type Router } from "express";

/**
 * Serves the built client. Residents' pages (`/take/...`) get their own entry so
 * they never download workspace code; hashed assets are cached for a year, HTML
 * never.
 */
export function clientRouter(clientDir: string): Router {
  const router = express.Router();
  const page = (file: string) => path.join(clientDir, file);
  router.use(
    "/assets",
    express.static(path.join(clientDir, "assets"), {
      immutable: true,
      maxAge: "365d",
      index: false,
    }),
  );
  router.use(express.static(clientDir, { index: false, maxAge: 0 }));
  const sendPage = (file: string) => (_req: express.Request, res: express.Response) => {
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(page(file));
  };
  // "/take" alone is a resident's link cut short: their page says so (not the staff login).
  router.get(["/take", "/take/:slug", "/r/:token"], sendPage("take.html"));
  router.get("/kiosk", sendPage("kiosk.html"));
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
