import mongoose from "mongoose";
import type { ReportingRules } from "../analytics/reporting-rules";
import { Authority } from "../authorities/model";
import { NotFoundError } from "../errors";
import { textIn, type Locale, type RespondentLocale } from "../shared/locales";
import { getSnapshot } from "../instruments/service";
import { frequencyConstructsOf } from "../analytics/frequency-items";
import type { AnalyticsScope } from "../results/analytics-scope";
import { changesFor, type ShownCell } from "../results/changes";
import { comparabilityRule } from "../results/comparability";
import { disclosuresOf } from "../results/disclosure";
import { favourableFromLabel } from "../results/favourable-label";
import { shareMoments } from "../results/moments";
import { armFor, momentsOfArm } from "../results/readings";
import { reportedPoint } from "../results/reported-point";
import { bridgedConstructs } from "../results/bridge-arms";
import { brokenConstructs } from "../results/series-breaks";
import { constructsOf } from "../surveys/scoring";
import { Wave } from "../waves/model";
import type { Transparency } from "./schema";
import { publicUpdates } from "./updates";

/** Below this many valid scores a public cell shows nothing at all, not even n. */
export const PUBLIC_MIN_CELL = 10;

/**
 * An authority's public page: the latest closed wave's main results and the
 * change since the baseline, from aggregates only, by the dashboard's own
 * rules: the same cells withheld (n, effective n, CI width), the same pairs
 * not compared (series breaks, engagement waves), and the same Holm family
 * (every construct compared between these two waves), so the public words
 * are the dashboard's words. A wave still in the field is not shown. A
 * withheld cell shows nothing (not even its n), nor does any change needing it.
 * A frequency construct shows its favourable share (the figure its change
 * tests), with Wilson's interval and the share's rules, never a mean of codes.
 */
export async function transparencyPage(
  analytics: AnalyticsScope,
  slug: string,
  locale: Locale,
  reporting: Readonly<ReportingRules>,
  reader: RespondentLocale = locale,
): Promise<Transparency> {
  const authority = await Authority.findOne({ slug }).lean();
  if (!authority) throw new NotFoundError();
  // The dashboard's series: every non-draft wave, oldest first.
  const series = await Wave.find({
    authorityId: authority._id,
    status: mongoose.trusted({ $in: ["open", "paused", "closed"] }),
  })
    .sort({ opensAt: 1, _id: 1 })
    .lean();
  const updates = await publicUpdates(authority._id, locale);
  const rules = { ...reporting, minCell: Math.max(reporting.minCell, PUBLIC_MIN_CELL) };
  const base = {
    // The authority's own name has a Russian version a Russian reader sees (else Hebrew).
    authority: { slug, name: textIn(authority.name, reader) },
    minCellSize: PUBLIC_MIN_CELL,
    updates,
  };
  const closed = series.filter((w) => w.status === "closed");
  const latest = closed[closed.length - 1];
  if (!latest) return { ...base, wave: null, baseline: null, disclosure: null, constructs: [] };
  // The dashboard's baseline: the first baseline wave of the series (else its first wave).
  const first = series.find((w) => w.kind === "baseline") ?? series[0]!;
  const baseline = first.status === "closed" && !first._id.equals(latest._id) ? first : undefined;

  const aggregates = await analytics.aggregates.fresh();
  const snapshots = await Promise.all(series.map((w) => getSnapshot(w.instrumentVersionId)));
  const breaks = await Promise.all(
    series.map((w, i) =>
      i === 0
        ? new Set<string>()
        : brokenConstructs(
            series[i - 1]!.instrumentVersionId,
            w.instrumentVersionId,
            analytics.seriesBreaks,
          ),
    ),
  );
  // A bridged wave's changed constructs: two measures, never pooled (server/results/bridge-arms.ts).
  const bridged = await bridgedConstructs(series, analytics.seriesBreaks);
  const shownWaves = baseline ? [baseline, latest] : [latest];
  const disclosures = await disclosuresOf(shownWaves, aggregates);
  const designOf = (id: string) => disclosures.get(id)?.design ?? "engagement";
  const notCompared = comparabilityRule(
    series.map((w) => w._id.toHexString()),
    breaks,
    designOf,
  );

  const latestId = latest._id.toHexString();
  const baselineId = baseline?._id.toHexString();
  const snapshotOf = (id: string) =>
    snapshots[series.findIndex((w) => w._id.toHexString() === id)]!;
  // Every construct of either wave, as the dashboard's family holds them.
  const defs = new Map(
    shownWaves.flatMap((w) => snapshotOf(w._id.toHexString()).constructs.map((c) => [c.id, c])),
  );
  const cells = new Map<string, Map<string, ShownCell>>();
  const shares = new Set(snapshots.flatMap((s) => [...frequencyConstructsOf(s)]));
  // The baseline figure shown beside the latest one: always the construct's own cell.
  const baselineCells = new Map<string, ShownCell>();
  const points = new Map<string, ReturnType<typeof reportedPoint>["point"]>();
  for (const c of defs.values()) {
    const shown = new Map<string, ShownCell>();
    cells.set(c.id, shown);
    for (const w of shownWaves) {
      const id = w._id.toHexString();
      if (!snapshotOf(id).constructs.some((x) => x.id === c.id)) continue;
      const aggregate = aggregates.get(w._id)?.constructs.get(c.id);
      // Of a construct a bridge splits, the new wording's arm: where the new series starts
      // (no change across the break is tested here, as before).
      const split = bridged[series.findIndex((x) => x._id.equals(w._id))]?.has(c.id) ?? false;
      const total = momentsOfArm(aggregate, armFor(split, "point"));
      // As on the dashboard: a frequency construct is tested (and here shown) on
      // its favourable share, withheld by the rules of a share (range 1).
      const r = shares.has(c.id)
        ? reportedPoint(id, shareMoments(total), designOf(id), 1, rules)
        : reportedPoint(id, total, designOf(id), c.scale.max - c.scale.min, rules);
      shown.set(id, r.cell);
      if (id === latestId) points.set(c.id, r.point);
      if (id === baselineId) baselineCells.set(c.id, r.cell);
    }
  }
  const changes = baselineId
    ? changesFor([[baselineId, latestId]], cells, notCompared, shares)
    : new Map<string, never[]>();

  const latestSnapshot = snapshotOf(latestId);
  const constructs = constructsOf(latestSnapshot).map((c) => {
    const p = points.get(c.id);
    const now = p && !p.suppressed && p.mean !== null ? p : null;
    const then = baselineCells.get(c.id);
    const share = shares.has(c.id);
    const def = latestSnapshot.constructs.find((x) => x.id === c.id)!;
    const change = changes.get(c.id)?.[0];
    const withheld = !change || (change.comparable === "yes" && change.diff === null);
    return {
      id: c.id,
      // The bank's Russian where a Russian reader asks (a version without it: Hebrew).
      name: textIn(def.name, reader),
      description: textIn(def.description, reader),
      scale: { min: c.scale.min, max: c.scale.max },
      measure: share ? ("share" as const) : ("mean" as const),
      favourableFrom: share ? favourableFromLabel(latestSnapshot, def, locale) : null,
      latest: !now
        ? null
        : share
          ? { mean: null, share: now.mean!, ciLow: now.favourableLow, ciHigh: now.favourableHigh }
          : { mean: now.mean!, share: null, ciLow: now.ciLow, ciHigh: now.ciHigh },
      baseline:
        now && then
          ? share
            ? { mean: null, share: then.mean }
            : { mean: then.mean, share: null }
          : null,
      change:
        !now || withheld
          ? null
          : {
              key: change.label.key,
              comparable: change.comparable,
              diff: change.diff,
              ciLow: change.ciLow,
              ciHigh: change.ciHigh,
              pHolm: change.pHolm,
              detectable: change.detectable,
            },
    };
  });
  const d = disclosures.get(latestId)!;
  return {
    ...base,
    wave: { name: latest.name[locale], opensAt: latest.opensAt.toISOString() },
    baseline: baseline ? { name: baseline.name[locale] } : null,
    disclosure: d,
    constructs,
  };
}
