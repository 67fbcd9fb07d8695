/**
 * A scan of a page for untranslated keys: any "<top-level key>.<name>" of any
 * catalogue in locales/en (what i18next shows for a key it cannot find), in the
 * page's text and in the labels a screen reader reads (aria-label, title,
 * placeholder, alt). E-mail addresses and web addresses are left out first.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

let pattern: RegExp | undefined;

/** The key-shaped pattern, built once from every catalogue's top-level keys. */
export function keyPattern(): RegExp {
  if (!pattern) {
    const dir = path.join(process.cwd(), "locales", "en");
    const tops = new Set<string>();
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      const tree = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Record<
        string,
        unknown
      >;
      // Only keys with children can show as "key.child".
      for (const [k, v] of Object.entries(tree)) if (v && typeof v === "object") tops.add(k);
    }
    const alternatives = [...tops].map((k) => k.replace(/[-]/g, "\\-")).join("|");
    pattern = new RegExp(`(?<![\\w.-])(?:${alternatives})(?:\\.[A-Za-z][\\w-]*)+`, "g");
  }
  return pattern;
}

/** The key-shaped strings in a text, once e-mail and web addresses are removed. */
export function keysIn(text: string): string[] {
  const words = text.replace(/\S+@\S+/g, " ").replace(/https?:\/\/\S+/g, " ");
  return words.match(keyPattern()) ?? [];
}

/** Fails when the page's text or its labels hold a key-shaped string. */
export async function expectNoKeys(page: Page): Promise<void> {
  const text = await page.evaluate(() => {
    const labels = [...document.querySelectorAll("[aria-label], [title], [placeholder], [alt]")]
      .flatMap((e) => ["aria-label", "title", "placeholder", "alt"].map((a) => e.getAttribute(a)))
      .filter((v): v is string => Boolean(v));
    return [document.body.innerText, document.title, ...labels].join("\n");
  });
  expect({ url: page.url(), keys: keysIn(text) }).toEqual({ url: page.url(), keys: [] });
}
