import type { ItemBank } from "./bank";
import { canonicalJson, type InstrumentSnapshot } from "./snapshot-schema";
import { MINUTES_PLACEHOLDER } from "./duration";
import { masculineOnlyIn } from "./inclusive-language";

/**
 * The item bank's wording and consistency rules (issue 19, item 5), beyond the
 * schema and the methods rules of check.ts. Each appends readable problems.
 */

/** How messages name a published edition: `core`, `core.v2`. */
export function editionName(snapshot: Pick<InstrumentSnapshot, "key" | "edition">): string {
  return snapshot.edition ? `${snapshot.key}.v${snapshot.edition}` : snapshot.key;
}

const TEXT_LOCALES = new Set(["he", "ar", "en", "ru"]);

/** Every localized string of a JSON value, with its path and locale. */
function localizedStrings(value: unknown, at: string): Array<[string, string, string]> {
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) =>
    typeof v === "string" && TEXT_LOCALES.has(k)
      ? [[`${at}.${k}`, k, v] as [string, string, string]]
      : localizedStrings(v, `${at}.${k}`),
  );
}

/** Everything in the bank a resident or a researcher reads, by a name for messages. */
function bankSources(bank: ItemBank): Array<[string, unknown]> {
  return [
    ["scales.json", { scales: bank.scales, dontKnow: bank.dontKnow, preferNot: bank.preferNot }],
    ["texts.json", bank.texts],
    ...bank.constructs.map(
      (c) => [bank.files.get(`construct:${c.id}`) ?? c.id, c] as [string, unknown],
    ),
    ...[...bank.modules.values()].map(
      (m) => [bank.files.get(`module:${m.id}`) ?? m.id, m] as [string, unknown],
    ),
    ...[...bank.editions.values()].flatMap((byEdition) =>
      [...byEdition.values()].map((d) => {
        const name = d.edition === 1 ? d.key : `${d.key}.v${d.edition}`;
        return [bank.files.get(`instrument:${name}`) ?? name, d] as [string, unknown];
      }),
    ),
  ];
}

/** No masculine-only form addressed to the respondent where the bank has an inclusive one. */
export function checkInclusiveLanguage(bank: ItemBank, problems: string[]): void {
  for (const [name, value] of bankSources(bank)) {
    for (const [at, locale, text] of localizedStrings(value, name)) {
      const found = masculineOnlyIn(text, locale);
      if (found) {
        problems.push(
          `${at}: "${found.match}" is a masculine-only form; use ${found.instead} (in "${text}")`,
        );
      }
    }
  }
}

/**
 * A scale reads the same wherever it is asked: every question on scale (or own
 * choices) S shows the same values and labels in every instrument. A changed
 * label is a new scale, since it changes what residents answered.
 */
export function checkScaleLabels(snapshots: InstrumentSnapshot[], problems: string[]): void {
  const seen = new Map<string, { points: string; where: string }>();
  for (const snapshot of snapshots) {
    for (const item of snapshot.pages.flatMap((p) => p.items)) {
      if (!item.scale) continue;
      const points = canonicalJson(item.scale.points);
      const where = `instrument ${editionName(snapshot)} (${item.id})`;
      const first = seen.get(item.scale.id);
      if (!first) seen.set(item.scale.id, { points, where });
      else if (first.points !== points) {
        problems.push(
          `scale ${item.scale.id}: its labels in ${where} differ from ${first.where}; a changed label is a new scale`,
        );
      }
    }
  }
}

/** Within one instrument, the items asked of a construct all offer "don't know", or none. */
export function checkDontKnow(snapshots: InstrumentSnapshot[], problems: string[]): void {
  for (const snapshot of snapshots) {
    const byConstruct = new Map<string, Array<{ id: string; dontKnow: boolean }>>();
    for (const item of snapshot.pages.flatMap((p) => p.items)) {
      if (item.kind !== "item" || !item.constructId || !item.scored) continue;
      const list = byConstruct.get(item.constructId) ?? [];
      list.push({ id: item.id, dontKnow: item.dontKnow });
      byConstruct.set(item.constructId, list);
    }
    for (const [construct, list] of byConstruct) {
      const withDk = list.filter((i) => i.dontKnow).map((i) => i.id);
      if (withDk.length > 0 && withDk.length < list.length) {
        const without = list.filter((i) => !i.dontKnow).map((i) => i.id);
        problems.push(
          `instrument ${editionName(snapshot)}: construct ${construct} offers "don't know" on ${withDk.join(", ")} but not on ${without.join(", ")}`,
        );
      }
    }
  }
}

/** Every question states its source: construct items, module questions and custom questions. */
export function checkSources(snapshots: InstrumentSnapshot[], problems: string[]): void {
  const reported = new Set<string>();
  for (const snapshot of snapshots) {
    for (const item of snapshot.pages.flatMap((p) => p.items)) {
      if (item.source?.trim() || reported.has(item.id)) continue;
      reported.add(item.id);
      problems.push(
        `instrument ${editionName(snapshot)}: ${item.kind} question ${item.id} does not state its source`,
      );
    }
  }
}

/** The intro states each instrument's own estimated time through the placeholder. */
export function checkDurationStated(bank: ItemBank, problems: string[]): void {
  for (const [locale, text] of Object.entries(bank.texts.intro)) {
    if (!text.includes(MINUTES_PLACEHOLDER)) {
      problems.push(
        `texts.json at intro.${locale}: state the time as ${MINUTES_PLACEHOLDER}, which each instrument fills with its own estimate`,
      );
    }
  }
}

/** Within one instrument, the scored items of a construct share one range: its score's. */
export function checkConstructRanges(snapshots: InstrumentSnapshot[], problems: string[]): void {
  for (const snapshot of snapshots) {
    for (const c of snapshot.constructs) {
      for (const item of snapshot.pages.flatMap((p) => p.items)) {
        if (!c.itemIds.includes(item.id) || !item.scale) continue;
        const values = item.scale.points.map((p) => p.value);
        if (Math.min(...values) !== c.scale.min || Math.max(...values) !== c.scale.max) {
          problems.push(
            `instrument ${editionName(snapshot)}: ${item.id} is not on the range of construct ${c.id} (${c.scale.min}-${c.scale.max})`,
          );
        }
      }
    }
  }
}

/** Every text object of a JSON value (an object with he, ar and en), with its path. */
function textObjects(value: unknown, at: string): Array<[string, Record<string, unknown>]> {
  if (!value || typeof value !== "object") return [];
  const obj = value as Record<string, unknown>;
  if (typeof obj.he === "string" && typeof obj.ar === "string" && typeof obj.en === "string") {
    return [[at, obj]];
  }
  return Object.entries(obj).flatMap(([k, v]) => textObjects(v, `${at}.${k}`));
}

/**
 * Residents may answer in Russian (the CBS Social Survey fields he, ar and ru):
 * every text of the bank has a Russian version. The survey falls back to Hebrew
 * where one is missing, so a gap is a problem for the bank, not a broken page.
 */
export function checkRussian(bank: ItemBank, problems: string[]): void {
  for (const [name, value] of bankSources(bank)) {
    for (const [at, text] of textObjects(value, name)) {
      if (typeof text.ru !== "string" || text.ru.trim() === "") {
        problems.push(`${at}: no Russian (ru) text`);
      }
    }
  }
}
