import mongoose from "mongoose";
import type { Principal } from "../access/principal";
import { authorityInScope } from "../authorities/in-scope";
import { Authority } from "../authorities/model";
import { comparisonAuthorityIds } from "../authorities/program-members";
import { periodOf } from "../analytics/periods";
import type { Locale } from "../shared/locales";
import { getSnapshot } from "../instruments/service";
import type { PoolingWeights } from "../analytics/pooling";
import type { ReportingRules } from "../analytics/reporting-rules";
import { favourableThreshold } from "../surveys/scoring";
import type { SnapshotConstruct } from "../surveys/snapshot";
import { Wave } from "../waves/model";
import { oldestFirst, type HeldWave } from "./aggregate-cache";
import type { AnalyticsScope } from "./analytics-scope";
import { jobUpdating } from "./aggregate-jobs";
import { benchmarkPoint, type BenchmarkPoint, type Contribution } from "./benchmark";
import type { Neighbourhood } from "../authorities/neighbourhoods";
import { breakdownsOf } from "./breakdowns";
import { armPoints, bridgedConstructs, cellKeyOf, setArmCells, withArms } from "./bridge-arms";
import { armAggregate, armAskedLike, armFor, momentsOfArm, type Arm } from "./readings";
import { changesFor, type ShownCell } from "./changes";
import { channelMixOf } from "./channel-mix";
import { comparabilityRule } from "./comparability";
import { frequencyConstructsOf } from "../analytics/frequency-items";
import { disclosuresOf } from "./disclosure";
import { engagementWaveIds } from "./sample-design";
import { distributionsOf } from "./distributions";
import { panelChanges } from "./panel";
import { emptyMoments, shareMoments, type Moments } from "./moments";
import { reportedPoint, testedCell } from "./reported-point";
import type { AuthorityResults } from "./schema";
import { brokenConstructs } from "./series-breaks";
import { groupBy } from "../shared/group";

/** Cells with fewer valid scores than this show n but no statistics. */
export const DEFAULT_MIN_CELL_SIZE = 10;

type Construct = AuthorityResults["constructs"][number];
type Point = Construct["points"][number];
type Change = Construct["changes"]["sinceBaseline"][number];

/** Roles that see reliability (alpha per wave and language). */
const SEES_RELIABILITY = new Set(["admin", "researcher"]);

/** One authority's non-draft waves, oldest first, with their round. */
async function ownWaves(authorityId: mongoose.Types.ObjectId) {
  const waves = await Wave.find(
    { authorityId, status: mongoose.trusted({ $ne: "draft" }) },
    {
      authorityId: 1,
      instrumentVersionId: 1,
      name: 1,
      kind: 1,
      status: 1,
      opensAt: 1,
      closesAt: 1,
      statusChangedAt: 1,
      channels: 1,
      bridge: 1,
    },
  )
    .sort({ opensAt: 1, _id: 1 })
    .lean();
  const authority = authorityId.toHexString();
  return waves.map((w, i) => ({ ...w, authority, round: i + 1 }));
}

/** The contributions kept under `key` (period, own version, construct, shares or not), gathered once. */
function contributionsOf(
  kept: Map<string, Contribution[]>,
  key: readonly unknown[],
  gather: () => Contribution[],
): Contribution[] {
  const k = JSON.stringify(key);
  let found = kept.get(k);
  if (!found) kept.set(k, (found = gather()));
  return found;
}

/** Every non-draft wave of the program as the aggregates hold them, oldest first, with its authority's id. */
function programWaves(held: readonly HeldWave[]) {
  return held
    .filter((w) => w.status !== "draft")
    .sort(oldestFirst)
    .map((w) => ({ ...w, authority: w.authorityId.toHexString() }));
}

/**
 * One authority's dashboard: per construct and wave n, mean, SD, SE, 95% CI and
 * % favourable (weighted when the authority has population margins); change
 * since baseline and from wave to wave (Welch, Holm over constructs, in words);
 * the program benchmark beside each wave; breakdowns; series breaks; and, for
 * researchers, reliability. Small cells are suppressed for every role.
 */
export async function authorityResults(
  analytics: AnalyticsScope,
  principal: Principal,
  slug: string,
  locale: Locale,
  rules: Readonly<ReportingRules>,
  weighting: PoolingWeights = "equal",
): Promise<AuthorityResults> {
  // Someone else's authority is not found, exactly like a missing one.
  const authority = await authorityInScope(principal, slug);
  const own = authority._id.toHexString();
  const [waves, aggregates, comparison] = await Promise.all([
    ownWaves(authority._id),
    analytics.aggregates.fresh(),
    comparisonAuthorityIds(),
  ]);
  const all = programWaves(aggregates.waves());
  // The benchmark is the program's: comparison localities never enter it. Waves
  // line up by period (baseline, then the logic model's horizons), never by
  // round, as on the program page.
  const periodOfWave = (w: (typeof all)[number]) => periodOf(w.kind, w.opensAt);
  const byPeriod = groupBy(
    all.filter((w) => !comparison.has(w.authority)),
    periodOfWave,
  );
  const members = new Map(
    (await Authority.find({}, { population: 1, populationSize: 1 }).lean()).map((a) => [
      a._id.toHexString(),
      { stratum: a.population, population: a.populationSize ?? null },
    ]),
  );
  // A benchmark cell holding an engagement wave gives its mean but no interval.
  const engagementWave = await engagementWaveIds(all, (id) => aggregates.get(id)?.byChannel ?? {});
  // What a benchmark pools of the other waves of a period (each authority's
  // moments, stratum and population) depends on the period, the own wave's
  // version and the construct, not on whose dashboard it is: gathered once for
  // every dashboard while the program stays as it is, keyed by what else it is
  // made of (the comparison localities, the members' strata and sizes, which
  // waves are engagement samples).
  const contributionsKept = await aggregates.derived(
    "benchmark-contributions",
    JSON.stringify([[...comparison].sort(), [...members], [...engagementWave].sort()]),
    async () => new Map<string, Contribution[]>(),
  );

  const snapshots = await Promise.all(waves.map((w) => getSnapshot(w.instrumentVersionId)));
  const definitions = new Map<string, SnapshotConstruct>();
  snapshots.forEach((s) => s.constructs.forEach((c) => definitions.set(c.id, c)));
  const breaks = await Promise.all(
    waves.map((w, i) =>
      i === 0
        ? new Set<string>()
        : brokenConstructs(
            waves[i - 1]!.instrumentVersionId,
            w.instrumentVersionId,
            analytics.seriesBreaks,
          ),
    ),
  );
  const disclosures = await disclosuresOf(waves, aggregates);
  const designOf = (id: string) => disclosures.get(id)?.design ?? "engagement";
  // The benchmark pools from each other wave of the period the arm that asks a
  // construct as the own wave's point does (server/results/readings.ts): the
  // 4-item core and the 8-item extended version are different measures.
  // Which arm that is depends only on the versions the two waves asked, and the
  // program's waves share a few: it is worked out once per own wave, construct
  // and kind of other wave (its versions and bridged constructs), not per wave.
  const othersBridged = await bridgedConstructs(all, analytics.seriesBreaks);
  const bridgedOf = new Map(all.map((o, i) => [o, othersBridged[i]!]));
  const kindOf = new Map(
    all.map((o) => [
      o,
      [o.instrumentVersionId, o.bridge?.instrumentVersionId ?? "", ...bridgedOf.get(o)!].join(" "),
    ]),
  );
  const armByKind = await Promise.all(
    waves.map(async (w, i) => {
      const arms = new Map<string, Map<string, Arm | null | undefined>>();
      for (const o of byPeriod.get(periodOfWave(w)) ?? []) {
        const kind = kindOf.get(o)!;
        if (arms.has(kind)) continue;
        const bridgedHere = bridgedOf.get(o)!;
        const byConstruct = new Map<string, Arm | null | undefined>();
        for (const c of snapshots[i]!.constructs)
          byConstruct.set(
            c.id,
            await armAskedLike(
              c.id,
              w.instrumentVersionId,
              o,
              bridgedHere.has(c.id),
              analytics.seriesBreaks,
            ),
          );
        arms.set(kind, byConstruct);
      }
      return arms;
    }),
  );
  // What the benchmark reads of each other wave, looked up once per view.
  const otherWave = new Map(
    all.map((o) => [
      o,
      {
        member: members.get(o.authority),
        aggregate: aggregates.get(o._id),
        engagement: engagementWave.has(o._id.toHexString()),
      },
    ]),
  );
  // A bridged wave's arms are two measures of each construct its new version changed.
  const bridged = await bridgedConstructs(waves, analytics.seriesBreaks);
  const bridgedAt = new Map(waves.map((w, i) => [w._id.toHexString(), bridged[i]!]));
  const oldSnapshots = await Promise.all(
    waves.map((w) => (w.bridge ? getSnapshot(w.bridge.instrumentVersionId) : null)),
  );
  // No test across a series break, nor with an engagement wave on either side;
  // a bridged wave's old-wording arm still belongs to the series before it.
  const waveIds = waves.map((w) => w._id.toHexString());
  const notCompared = comparabilityRule(waveIds, breaks, designOf, bridged);
  // A panel member's pair is not split by arm: across a break, bridged or not, no test.
  const notComparedPooled = comparabilityRule(waveIds, breaks, designOf);

  const cells = new Map<string, Map<string, ShownCell>>();
  // Frequency constructs are reported as the share choosing each answer.
  const frequency = new Set(snapshots.flatMap((s) => [...frequencyConstructsOf(s)]));
  const distributionWaves = waves.map((w) => {
    const id = w._id.toHexString();
    return { id, design: designOf(id), items: aggregates.get(w._id)?.items };
  });
  // Own waves of one kind, period and version have the same benchmark (the
  // other authorities' waves of that period): it is pooled once for them.
  const benchmarkGroup = waves.map((w) =>
    [w.kind, periodOfWave(w), w.instrumentVersionId.toHexString()].join(" "),
  );
  const constructs: Construct[] = [...definitions.values()].map((c) => {
    const benchmarkOf = new Map<string, BenchmarkPoint>();
    const shown = new Map<string, ShownCell>();
    cells.set(c.id, shown);
    const bridgeArms: Construct["bridgeArms"] = [];
    const points = waves.map((w, i): Point => {
      const aggregate = aggregates.get(w._id)?.constructs.get(c.id);
      const total = aggregate?.total ?? emptyMoments();
      const id = w._id.toHexString();
      const asked = snapshots[i]!.constructs.some((x) => x.id === c.id);
      if (asked && bridged[i]!.has(c.id)) {
        const old = oldSnapshots[i]?.constructs.find((x) => x.id === c.id);
        const own = snapshots[i]!.constructs.find((x) => x.id === c.id)!;
        const split = armPoints(
          id,
          aggregate?.arms,
          designOf(id),
          {
            main: own.scale.max - own.scale.min,
            bridge: old ? old.scale.max - old.scale.min : own.scale.max - own.scale.min,
          },
          rules,
          frequency.has(c.id),
        );
        setArmCells(shown, id, split);
        bridgeArms.push(split.arms);
        return split.point;
      }
      const { point, cell } = reportedPoint(
        id,
        total,
        designOf(id),
        c.scale.max - c.scale.min,
        rules,
      );
      // A frequency construct is tested on its favourable share, not on its codes' mean.
      if (asked)
        shown.set(
          id,
          frequency.has(c.id) ? testedCell(id, total, designOf(id), 1, rules, true) : cell,
        );
      return point;
    });
    return {
      id: c.id,
      name: c.name[locale],
      description: c.description[locale],
      source: c.source,
      scale: { min: c.scale.min, max: c.scale.max },
      favourableFrom: favourableThreshold(c),
      reportedAs: frequency.has(c.id) ? "distribution" : "mean",
      comparedOn: frequency.has(c.id) ? "share" : "mean",
      distributions: distributionsOf(c.id, snapshots, distributionWaves, locale, rules),
      points,
      seriesBreaks: waves.filter((_, i) => breaks[i]!.has(c.id)).map((w) => w._id.toHexString()),
      bridgeArms,
      changes: { sinceBaseline: [], waveOverWave: [], panel: [] },
      benchmark: waves.map((w, i) => {
        const shared = benchmarkOf.get(benchmarkGroup[i]!);
        if (shared) return { ...shared, waveId: w._id.toHexString(), round: w.round };
        const point = benchmarkPoint(
          w._id.toHexString(),
          w.round,
          { kind: w.kind, period: periodOfWave(w) },
          own,
          contributionsOf(
            contributionsKept,
            [periodOfWave(w), w.instrumentVersionId, c.id, frequency.has(c.id)],
            () =>
              (byPeriod.get(periodOfWave(w)) ?? []).flatMap((o) => {
                const arm = armByKind[i]!.get(kindOf.get(o)!)!.get(c.id);
                const { member, aggregate, engagement } = otherWave.get(o)!;
                if (arm === undefined || !member) return [];
                const m = momentsOfArm(aggregate?.constructs.get(c.id), arm);
                return [
                  {
                    authority: o.authority,
                    ...member,
                    // A frequency construct is pooled on its favourable share, as on the program page.
                    moments: frequency.has(c.id) ? shareMoments(m) : m,
                    engagement,
                  },
                ];
              }),
          ),
          frequency.has(c.id) ? 1 : c.scale.max - c.scale.min,
          rules,
          weighting,
        );
        benchmarkOf.set(benchmarkGroup[i]!, point);
        return point;
      }),
      breakdowns: breakdownsOf(
        waves.map((w, i) => ({
          id: w._id.toHexString(),
          // A bridged wave's breakdowns are its point's arm, the new wording's.
          aggregate: armAggregate(
            aggregates.get(w._id)?.constructs.get(c.id),
            armFor(bridged[i]!.has(c.id), "point"),
          ),
        })),
        snapshots[snapshots.length - 1]!,
        locale,
        rules.minCell,
        (authority.neighbourhoods ?? []) as Neighbourhood[],
      ),
    };
  });

  const ids = waves.map((w) => w._id.toHexString());
  const baseIndex = Math.max(
    0,
    waves.findIndex((w) => w.kind === "baseline"),
  );
  const cellKey = cellKeyOf(bridgedAt);
  const since = changesFor(
    ids.filter((_, i) => i > baseIndex).map((id) => [ids[baseIndex]!, id]),
    cells,
    notCompared,
    frequency,
    cellKey,
  );
  const consecutive = ids.slice(1).map((id, i): [string, string] => [ids[i]!, id]);
  const steps = changesFor(consecutive, cells, notCompared, frequency, cellKey);
  // The panel is compared between every pair of waves, not only neighbours.
  const allPairs = ids.flatMap((a, i) => ids.slice(i + 1).map((b): [string, string] => [a, b]));
  // A frequency construct's panel change, too, is of its favourable share.
  const shareFrom = (id: string) =>
    frequency.has(id) ? constructs.find((c) => c.id === id)?.favourableFrom : undefined;
  const panel = await panelChanges(
    analytics.readPreference,
    allPairs,
    [...cells.keys()],
    rules.minCell,
    (c, f, t) => (notComparedPooled(c, f, t) === "seriesBreak" ? "seriesBreak" : null),
    shareFrom,
  );
  // Mode adjustment: where the channel mix of a tested change shifted, the change
  // within each channel beside the pooled one (server/results/channel-mix.ts).
  const waveById = new Map(waves.map((w) => [w._id.toHexString(), w]));
  const withMix = (constructId: string, range: number) => (ch: Change) => {
    // A bridged arm has no channel cells of its own: the wave's mix pools both arms.
    if (ch.comparable !== "yes" || ch.fromArm || ch.toArm) return ch;
    const [a, b] = [ch.fromWaveId, ch.toWaveId].map((id) => aggregates.get(waveById.get(id)!._id));
    // A frequency construct is compared within each channel on its favourable share too.
    const share = frequency.has(constructId);
    const channelsOf = (agg: typeof a) => {
      const cells = agg?.constructs.get(constructId)?.groups.channel ?? new Map<string, Moments>();
      return share ? new Map([...cells].map(([k, m]) => [k, shareMoments(m)])) : cells;
    };
    const channelMix = channelMixOf(
      { from: a?.byChannel ?? {}, to: b?.byChannel ?? {} },
      { from: channelsOf(a), to: channelsOf(b) },
      share ? 1 : range,
      rules,
      designOf(ch.fromWaveId) !== "engagement" && designOf(ch.toWaveId) !== "engagement",
      ch.diff,
    );
    return { ...ch, channelMix };
  };
  for (const c of constructs) {
    const mix = withMix(c.id, c.scale.max - c.scale.min);
    const arms = withArms(c.id, bridgedAt);
    c.changes = {
      sinceBaseline: (since.get(c.id) ?? []).map(arms).map(mix),
      waveOverWave: (steps.get(c.id) ?? []).map(arms).map(mix),
      panel: panel.get(c.id) ?? [],
    };
  }

  return {
    authority: { id: own, slug: authority.slug, name: authority.name[locale] },
    minCellSize: rules.minCell,
    benchmarkWeighting: weighting,
    reporting: rules,
    waves: waves.map((w, i) => {
      const agg = aggregates.get(w._id);
      return {
        id: w._id.toHexString(),
        name: w.name[locale],
        kind: w.kind,
        opensAt: w.opensAt.toISOString(),
        instrumentVersion: snapshots[i]!.version,
        responses: agg?.responses ?? 0,
        weighting: {
          method: agg?.weighting.method ?? "none",
          deff: agg?.weighting.deff ?? 1,
          effectiveN: agg?.weighting.effectiveN ?? 0,
        },
        disclosure: disclosures.get(w._id.toHexString())!,
      };
    }),
    constructs,
    reliability: SEES_RELIABILITY.has(principal.role)
      ? waves.flatMap((w) =>
          [...(aggregates.get(w._id)?.reliability ?? [])].map(([loc, rel]) => ({
            waveId: w._id.toHexString(),
            locale: loc,
            constructs: rel.map((r) => ({
              constructId: r.constructId,
              n: r.n,
              k: r.k,
              alpha: r.alpha,
              flagged: r.flagged,
            })),
          })),
        )
      : null,
    updating: await jobUpdating(waves.map((w) => w._id)),
  };
}
