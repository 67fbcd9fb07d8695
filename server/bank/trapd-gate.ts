import type { ItemBank } from "../surveys/bank";
import { isAdjudicated } from "../shared/trapd-stages";
import { publishSnapshot } from "../surveys/snapshot";
import type { z } from "zod";
import type { trapdUnitViewSchema } from "./trapd-schema";
import { TRAPD_LOCALES, type TrapdLocale } from "./trapd-units";

type UnitView = z.infer<typeof trapdUnitViewSchema>;

/** A resident-facing string that has no adjudicated final in one language. */
export interface TrapdGap {
  path: string;
  locale: TrapdLocale;
}

/**
 * The languages every published text carries besides its Hebrew source (a draft
 * text missing one of them is a DRAFT_NOT_READY problem): the instrument's declared
 * languages, in which each resident-facing string must be adjudicated to publish.
 */
export const DECLARED_LOCALES = ["ar", "en"] as const;

/**
 * Paths that are not shown to residents: the instrument's own name is the
 * workspace's label for it (residents read `texts.title`).
 */
const NOT_RESIDENT_FACING = new Set(["title"]);

const pairKey = (he: string, locale: string, text: string) => `${he}\u0000${locale}\u0000${text}`;

const shippedCache = new WeakMap<ItemBank, Set<string>>();

const allEditions = (bank: ItemBank) =>
  [...bank.editions.values()].flatMap((editions) => [...editions.values()]);

/**
 * Every (Hebrew, translation) pair the bank's reviewed files ship: its standard
 * texts and every text of its instrument files (page titles, custom questions,
 * their choices). These were translated and reviewed with the bank, like code.
 */
function shippedPairs(bank: ItemBank): Set<string> {
  const cached = shippedCache.get(bank);
  if (cached) return cached;
  const out = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    if (typeof o.he === "string") {
      for (const l of TRAPD_LOCALES) {
        const text = o[l];
        if (typeof text === "string" && text.trim() !== "") out.add(pairKey(o.he, l, text));
      }
      return;
    }
    Object.values(o).forEach(walk);
  };
  walk(bank.texts);
  for (const draft of [...bank.instruments.values(), ...allEditions(bank)]) {
    walk(draft);
    // As published: the intro's {minutes} filled in, consent worded for the instrument.
    // A draft started from a version of a bank instrument carries these texts.
    const snapshot = publishSnapshot(bank, draft);
    walk(snapshot.texts);
    walk(snapshot.pages.map((p) => [p.title, p.description]));
  }
  shippedCache.set(bank, out);
  return out;
}

/**
 * The strings of a translation review (a draft's, or the one kept with a
 * version) that lack an adjudicated final in any of `locales`. A string counts
 * as adjudicated in a language when:
 * - it is a bank item with wording in that language: the bank's files are the
 *   reviewed record (a changed wording is a new item id), or
 * - its Hebrew and translation are exactly a pair the bank's files ship
 *   (standard intro, consent, page titles of a bank instrument), or
 * - TRAPD took it past adjudication, the Hebrew has not changed since, and (for
 *   a draft's own text) the final is what residents are shown.
 * Anything edited or new in the draft therefore needs TRAPD; untouched bank
 * wording does not.
 */
export function trapdGaps(
  bank: ItemBank,
  units: readonly UnitView[],
  locales: readonly string[],
): TrapdGap[] {
  const shipped = shippedPairs(bank);
  const out: TrapdGap[] = [];
  for (const unit of units) {
    if (NOT_RESIDENT_FACING.has(unit.path)) continue;
    for (const e of unit.entries) {
      if (!locales.includes(e.locale)) continue;
      const current = e.current.trim();
      const fromBank =
        current !== "" &&
        (unit.kind === "item" || shipped.has(pairKey(unit.source, e.locale, e.current)));
      const adjudicated =
        isAdjudicated(e.stage) &&
        !e.sourceChanged &&
        (unit.kind === "item" || e.final === e.current);
      if (!fromBank && !adjudicated) out.push({ path: unit.path, locale: e.locale });
    }
  }
  return out;
}
