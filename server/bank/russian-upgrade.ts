import type { ItemBank } from "../surveys/bank";
import { publishSnapshot } from "../surveys/snapshot";

/**
 * Russian for drafts saved before draft texts had it. A stored draft's text
 * without a `ru` key takes the bank's Russian when its Hebrew, Arabic and English
 * are exactly a text the bank's files ship (the standard intro, consent, a bank
 * instrument's page titles and own questions); any other text gets an empty
 * Russian, which the designer then reports as a missing translation.
 */

const tripleKey = (o: Record<string, unknown>) => `${o.he}\u0000${o.ar}\u0000${o.en}`;

const cache = new WeakMap<ItemBank, Map<string, string>>();

const isText = (o: Record<string, unknown>) =>
  typeof o.he === "string" && typeof o.ar === "string" && typeof o.en === "string";

/** Every text the bank's files ship with a Russian version, by its he/ar/en. */
function bankRussian(bank: ItemBank): Map<string, string> {
  const cached = cache.get(bank);
  if (cached) return cached;
  const out = new Map<string, string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    if (isText(o)) {
      if (typeof o.ru === "string" && o.ru.trim() !== "") out.set(tripleKey(o), o.ru);
      return;
    }
    Object.values(o).forEach(walk);
  };
  walk(bank.texts);
  const editions = [...bank.editions.values()].flatMap((e) => [...e.values()]);
  for (const draft of [...bank.instruments.values(), ...editions]) {
    walk(draft);
    // As published (the intro's minutes filled in): a draft started from a version has these.
    const snapshot = publishSnapshot(bank, draft);
    walk(snapshot.texts);
    walk(snapshot.pages.map((p) => [p.title, p.description, p.items.map((q) => q.text)]));
    walk(snapshot.pages.map((p) => p.items.map((q) => q.scale?.points.map((x) => x.label))));
  }
  cache.set(bank, out);
  return out;
}

/**
 * A stored draft's content (as the store holds it, not yet checked by zod) with
 * a Russian version on every text that had none; texts that have one, and
 * anything that is not a text, are left as they are.
 */
export function upgradeRussian(bank: ItemBank, content: unknown): unknown {
  const known = bankRussian(bank);
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== "object") return node;
    const o = node as Record<string, unknown>;
    if (isText(o)) return "ru" in o ? o : { ...o, ru: known.get(tripleKey(o)) ?? "" };
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, walk(v)]));
  };
  return walk(content);
}
