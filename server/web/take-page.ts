import fs from "node:fs";
import path from "node:path";
import type { Request, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import { AppError } from "../errors";
import { runRoute, type MountOptions, type RouteDef } from "../http/route";
import type { OpenSurvey } from "../take/schema";

/** The built take.html, read once, with its stylesheets put inline. */
interface Shell {
  html: string;
}

const STYLESHEET = /<link rel="stylesheet"(?: crossorigin)? href="\/assets\/([\w.-]+\.css)">/g;

/**
 * The page's own stylesheets (a few kB) go inline: on a slow line a linked
 * stylesheet shares the bandwidth with the scripts, and the first paint waits
 * for it. Fonts and the survey engine's large stylesheet stay separate files.
 * The link stays, disabled (never fetched): the script that loads the survey
 * engine looks for it and would otherwise add the same sheet again, after the
 * page's own rules, which it would then override.
 */
function readShell(clientDir: string): Shell {
  const html = fs.readFileSync(path.join(clientDir, "take.html"), "utf8");
  return {
    html: html.replace(STYLESHEET, (link, file: string) => {
      const css = path.join(clientDir, "assets", file);
      if (!fs.existsSync(css)) return link;
      return `<style>${fs.readFileSync(css, "utf8")}</style>${link.replace(/>$/, " disabled>")}`;
    }),
  };
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c as "&" | "<" | ">" | '"'],
  );

/** JSON safe inside a `<script>` element: no "<" can close it or open a comment. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

// Loaded at the first survey page, once: React's server renderer serves nothing else.
let renderer: Promise<{
  renderTakePage: (open: OpenSurvey, at: string) => string;
  PRELOADED_ID: string;
}> | null = null;
const loadRenderer = () =>
  (renderer ??= Promise.all([
    import("../../client/take/render-first-page"),
    import("../../client/take/preloaded"),
  ]).then(([r, p]) => ({ renderTakePage: r.renderTakePage, PRELOADED_ID: p.PRELOADED_ID })));

/** The page with the survey's first page drawn in, its language, title and the survey inline. */
async function drawn(shell: Shell, open: OpenSurvey, at: string): Promise<string> {
  const { renderTakePage, PRELOADED_ID } = await loadRenderer();
  const markup = renderTakePage(open, at);
  return shell.html
    .replace(/<html lang="[a-z]+" dir="(?:rtl|ltr)">/, () => {
      return `<html lang="${open.locale}" dir="${open.dir}">`;
    })
    .replace(/<title>[^<]*<\/title>/, () => {
      return `<title>${escapeHtml(`${open.wave.name} · ${open.authority.name}`)}</title>`;
    })
    .replace('<div id="root"></div>', () => {
      const data = `<script type="application/json" id="${PRELOADED_ID}">${scriptJson(open)}</script>`;
      return `<div id="root">${markup}</div>${data}`;
    });
}

/**
 * The respondent page (issue 18, speed). For a link it can open, the server runs
 * the survey API's own route (`opener`: its checks, rate limits and answer) and
 * sends the page with the first page drawn and the survey inline, so on a slow
 * line the first question paints with the HTML instead of after the scripts and
 * a request they make. Anything else gets the plain page, whose script asks the
 * API and shows the reason. Never cached: it carries a device token.
 */
export function takePage(
  clientDir: string,
  opener: RouteDef | undefined,
  options: MountOptions | undefined,
  logger?: Logger,
): RequestHandler {
  let shell: Shell | null = null;
  return async (req: Request, res: Response) => {
    shell ??= readShell(clientDir);
    let html = shell.html;
    if (opener && options) {
      try {
        const result = await runRoute(opener, req, res, options);
        if (result.status === 200) html = await drawn(shell, result.body as OpenSurvey, req.path);
      } catch (err) {
        // A refusal (unknown link, paused, too many requests) is the API's to explain.
        res.removeHeader("Retry-After");
        if (!(err instanceof AppError)) logger?.error({ err }, "respondent page not drawn");
      }
    }
    res.setHeader("Cache-Control", "no-store");
    res.type("html").send(html);
  };
}
