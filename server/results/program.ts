import crypto from "node:crypto";
import mongoose from "mongoose";
import type { Principal } from "../access/principal";
import { scopeFor } from "../access/scope";
import { Authority } from "../authorities/model";
import type { Locale } from "../i18n/locales";
import { getSnapshot } from "../instruments/service";
import { constructsOf } from "../surveys/scoring";
import { Wave, WAVE_KINDS } from "../waves/model";
import { freshAggregates } from "./aggregate-cache";
import { emptyMoments, mergeInto, statsOf, type Moments } from "./moments";
import { DEFAULT_MIN_CELL_SIZE } from "./service";
import type { ProgramResults } from "./schema";

type Kind = (typeof WAVE_KINDS)[number];
type Point = ProgramResults["benchmark"][number]["points"][number];

function point(kind: Kind, m: Moments, minCellSize: number): Point {
  const d = statsOf(m);
  return d.n < minCellSize || d.mean === null
    ? { kind, n: d.n, suppressed: true, mean: null, ciLow: null, ciHigh: null }
    : { kind, n: d.n, suppressed: false, mean: d.mean, ciLow: d.ciLow, ciHigh: d.ciHigh };
}

/**
 * The program-wide picture per construct and wave kind (baseline, follow-up): the
 * pooled benchmark, and per authority for the roles that may see it. What each
 * role sees is decided here, in one presenter:
 * - admin, researcher: per authority, named;
 * - program viewer: per authority, anonymised (a number in an order that does not
 *   follow names or ids);
 * - authority analyst: the pooled benchmark only, never another authority's series.
 * Figures come from the per-wave aggregates (weighted where margins exist).
 */
export async function programResults(
  principal: Principal,
  locale: Locale,
  minCellSize = DEFAULT_MIN_CELL_SIZE,
): Promise<ProgramResults> {
  // Program-wide data: the benchmark pools all authorities by design, so no scope here;
  // the per-authority series below are dropped or anonymised by role.
  const authorities = await Authority.find({}, { slug: 1, name: 1 }).lean();
  const waves = await Wave.find(
    { status: mongoose.trusted({ $ne: "draft" }) },
    { authorityId: 1, kind: 1, instrumentVersionId: 1 },
  ).lean();
  const aggregates = await freshAggregates();

  const names = new Map<
    string,
    { id: string; name: string; scale: { min: number; max: number } }
  >();
  const seenVersions = new Set<string>();
  for (const w of waves) {
    const key = w.instrumentVersionId.toHexString();
    if (seenVersions.has(key)) continue;
    seenVersions.add(key);
    for (const c of constructsOf(await getSnapshot(w.instrumentVersionId))) {
      names.set(c.id, {
        id: c.id,
        name: c.name[locale],
        scale: { min: c.scale.min, max: c.scale.max },
      });
    }
  }

  const seriesOf = (authorityId: string | null) =>
    [...names.values()].map((c) => ({
      ...c,
      points: WAVE_KINDS.map((kind) => {
        const pooled = emptyMoments();
        for (const w of waves) {
          if (w.kind !== kind) continue;
          if (authorityId !== null && w.authorityId.toHexString() !== authorityId) continue;
          const m = aggregates.get(w._id)?.constructs.get(c.id)?.total;
          if (m) mergeInto(pooled, m);
        }
        return point(kind, pooled, minCellSize);
      }),
    }));

  const seeNames = principal.role === "admin" || principal.role === "researcher";
  const seeAnonymised = principal.role === "program-viewer";
  // Anonymous order: by a digest of the id, so neither names nor creation order show through.
  const ordered = [...authorities].sort((a, b) =>
    digest(a._id.toHexString()).localeCompare(digest(b._id.toHexString())),
  );
  const perAuthority =
    seeNames || seeAnonymised
      ? ordered.map((a, index) => ({
          label: seeNames ? a.name[locale] : null,
          slug: seeNames ? a.slug : null,
          number: index + 1,
          constructs: seriesOf(a._id.toHexString()),
        }))
      : [];
  // An analyst's own authority is theirs to compare with the benchmark.
  const own = scopeFor(principal, "_id")._id;
  return {
    minCellSize,
    authorities: authorities.length,
    benchmark: seriesOf(null),
    perAuthority,
    own: own ? { constructs: seriesOf(own.toHexString()) } : null,
  };
}

function digest(id: string): string {
  return crypto.createHash("sha256").update(`kp-anon|${id}`).digest("hex");
}
