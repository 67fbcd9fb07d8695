import type { Page } from "playwright-core";
import { signInOn, staffViewport, type DemoBrowser } from "./demo-browser";

/** Signed-in pages for a test file whose cases each need one session at a time. */
export interface PagePool {
  /**
   * Like signedInPage (test/helpers/demo-browser.ts), on the file's page for this
   * language and width, emptied of the previous case first. The page returned
   * before for the same language and width must no longer be in use.
   */
  signedIn(
    email: string,
    lang: string,
    width: number,
    next?: string,
    watch?: (page: Page) => void,
  ): Promise<Page>;
}

/**
 * A page per language and width for the whole file, instead of a new context and
 * page per case: a new page starts a renderer process, the costliest step of a
 * short case on a busy machine. Between cases the page forgets everything a case
 * could leave behind that a new context would not have: its listeners, cookies
 * (the session), and the origin's local and session storage; it then goes to
 * about:blank, so nothing of the last screen runs on.
 */
export function pagePool(d: () => Pick<DemoBrowser, "browser" | "base">): PagePool {
  const pages = new Map<string, Page>();
  return {
    async signedIn(email, lang, width, next = "/workspace", watch) {
      const key = `${lang} ${width}`;
      let page = pages.get(key);
      if (page) {
        page.removeAllListeners();
        await page.context().clearCookies();
        if (page.url().startsWith(d().base))
          await page.evaluate(() => {
            localStorage.clear();
            sessionStorage.clear();
          });
        await page.goto("about:blank");
      } else {
        const context = await d().browser.newContext({
          viewport: staffViewport(width),
          locale: lang,
        });
        page = await context.newPage();
        pages.set(key, page);
      }
      await signInOn(page, d().base, email, lang, next, watch);
      return page;
    },
  };
}
