import fs from "node:fs";
import path from "node:path";
import type { Request, RequestHandler, Response } from "express";
import heCommon from "../../locales/he/common.json";
import heKiosk from "../../locales/he/kiosk.json";

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c as "&" | "<" | ">" | '"'],
  );

/**
 * The kiosk's page (issue 18): a kiosk always opens in Hebrew (client/kiosk/main.tsx),
 * so the server sends it in Hebrew from the first byte: the tab title, the language
 * and direction, and a "loading" line in the root while the survey engine (the
 * kiosk's largest download) arrives, instead of an English title over a blank
 * screen. The screen itself (pairing or the language choice) depends on what the
 * tablet keeps in its own storage, which the server cannot see, so the script
 * draws it; a kiosk loads once and then resets without reloading.
 */
export function kioskPage(clientDir: string): RequestHandler {
  let html: string | null = null;
  return (_req: Request, res: Response) => {
    html ??= fs
      .readFileSync(path.join(clientDir, "kiosk.html"), "utf8")
      .replace(/<html lang="[a-z]+" dir="(?:rtl|ltr)">/, '<html lang="he" dir="rtl">')
      .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(heKiosk.pageTitle)}</title>`)
      .replace(
        '<div id="root"></div>',
        () =>
          `<div id="root"><p role="status" class="loading">${escapeHtml(heCommon.loading)}</p></div>`,
      );
    res.setHeader("Cache-Control", "no-cache");
    res.type("html").send(html);
  };
}
