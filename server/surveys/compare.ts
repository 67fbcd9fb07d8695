import { LOCALES, type Locale } from "../shared/locales";
import { canonicalJson, type InstrumentSnapshot, type SnapshotItem } from "./snapshot";

/** Why a question's or construct's series does not continue from one version to the next. */
export type SeriesBreakKind =
  "added" | "removed" | "wording" | "scale" | "reverse" | "construct" | "items";

/** One break in a series between two instrument versions. */
export interface SeriesBreak {
  /** A question id, or a construct id for kind "items". */
  id: string;
  kind: SeriesBreakKind;
  /** For "wording": the languages whose text changed. */
  locales?: Locale[];
}

/** The outcome of comparing two versions: the breaks, and whether any exist. */
export interface VersionComparison {
  from: string;
  to: string;
  breaks: SeriesBreak[];
  continuous: boolean;
}

const byId = (s: InstrumentSnapshot) =>
  new Map(s.pages.flatMap((p) => p.items.map((i) => [i.id, i] as const)));

function itemBreaks(a: SnapshotItem, b: SnapshotItem): SeriesBreak[] {
  const out: SeriesBreak[] = [];
  const locales = LOCALES.filter((l) => a.text[l] !== b.text[l]);
  if (locales.length > 0) out.push({ id: a.id, kind: "wording", locales });
  // Values and labels both matter: relabelling a point changes what residents answered.
  const scale = (i: SnapshotItem) =>
    canonicalJson({ control: i.control, points: i.scale?.points, maxLength: i.maxLength });
  if (scale(a) !== scale(b) || a.dontKnow !== b.dontKnow) out.push({ id: a.id, kind: "scale" });
  if (a.reverse !== b.reverse) out.push({ id: a.id, kind: "reverse" });
  if (a.constructId !== b.constructId || a.scored !== b.scored) {
    out.push({ id: a.id, kind: "construct" });
  }
  return out;
}

/**
 * Series breaks between two versions of an instrument: questions added or removed,
 * wording changed (per language), scale, reverse flag or construct changed, and
 * constructs whose set of scored items changed, since their score is then a
 * different mean. Page order and titles are not breaks: they do not change what
 * an answer means.
 */
export function compareVersions(a: InstrumentSnapshot, b: InstrumentSnapshot): VersionComparison {
  const before = byId(a);
  const after = byId(b);
  const breaks: SeriesBreak[] = [];
  for (const [id, item] of before) {
    const next = after.get(id);
    if (!next) breaks.push({ id, kind: "removed" });
    else breaks.push(...itemBreaks(item, next));
  }
  for (const id of after.keys()) if (!before.has(id)) breaks.push({ id, kind: "added" });

  const constructsAfter = new Map(b.constructs.map((c) => [c.id, c]));
  const changed = new Set(breaks.map((x) => x.id));
  for (const c of a.constructs) {
    const next = constructsAfter.get(c.id);
    if (!next) continue;
    const sameItems = canonicalJson(c.itemIds) === canonicalJson(next.itemIds);
    if (!sameItems || c.itemIds.some((id) => changed.has(id))) {
      breaks.push({ id: c.id, kind: "items" });
    }
  }
  return { from: a.contentHash, to: b.contentHash, breaks, continuous: breaks.length === 0 };
}
