import mongoose, { Types } from "mongoose";
import {
  attritionWeights,
  weightedPairedChange,
  weightedPairedShareChange,
} from "../analytics/panel-weights";
import { SurveyResponse } from "../responses/model";
import { changesBy, type NotCompared } from "./changes";
import type { AnalyticsReadPreference } from "./read-preference";
import type { AuthorityResults } from "./schema";

type PanelChange = AuthorityResults["constructs"][number]["changes"]["panel"][number];

/** One panel member's response in a wave: scores, and the covariates attrition weights use. */
interface MemberAnswer {
  scores: Record<string, unknown>;
  ageBand: string;
  sex: string;
}

const covariate = (v: unknown) => (typeof v === "number" ? String(v) : "_");

/**
 * Change among panel members between every pair of an authority's waves:
 * residents who agreed to be asked again and answered both waves (their
 * responses carry the same panel pseudonym). The members who answered the
 * earlier wave are the panel at risk; those who answered the later one too are
 * weighted for attrition (analytics/panel-weights.ts: inverse response
 * propensity within age band × sex cells of the earlier wave's answers). Each
 * construct is tested on the weighted differences of the members with a score
 * in both waves (svymean's SE, t on pairs − 1 df, d is d_z), Holm over the
 * constructs of the same waves. With fewer pairs, or fewer effective pairs,
 * than the smallest cell shown, only the number of pairs is given. A frequency
 * construct (`shareFrom` gives its favourable threshold) is tested on the
 * change of the members' weighted favourable share, sized by Cohen's h.
 */
export async function panelChanges(
  read: AnalyticsReadPreference,
  pairs: ReadonlyArray<[string, string]>,
  constructIds: readonly string[],
  minCellSize: number,
  notCompared: (construct: string, from: string, to: string) => NotCompared | null = () => null,
  shareFrom: (construct: string) => number | undefined = () => undefined,
): Promise<Map<string, PanelChange[]>> {
  const waveIds = [...new Set(pairs.flat())];
  const rows =
    waveIds.length === 0
      ? []
      : await SurveyResponse.find(
          {
            waveId: mongoose.trusted({ $in: waveIds.map((id) => new Types.ObjectId(id)) }),
            // A range on the index's second field: only panel members' keys are read.
            panelId: mongoose.trusted({ $gt: "" }),
          },
          {
            waveId: 1,
            panelId: 1,
            scores: 1,
            "answers.dem_age_band": 1,
            "answers.dem_sex": 1,
            _id: 0,
          },
        )
          .read(read)
          .lean();
  // wave → panel member → their answers (a member's first response in a wave)
  const byWave = new Map<string, Map<string, MemberAnswer>>();
  for (const r of rows) {
    const wave = r.waveId.toHexString();
    const members = byWave.get(wave) ?? new Map<string, MemberAnswer>();
    const answers = ((r as { answers?: unknown }).answers ?? {}) as Record<string, unknown>;
    if (!members.has(r.panelId!))
      members.set(r.panelId!, {
        scores: r.scores as Record<string, unknown>,
        ageBand: covariate(answers.dem_age_band),
        sex: covariate(answers.dem_sex),
      });
    byWave.set(wave, members);
  }
  // Attrition weights per pair of waves, once for all constructs.
  const weightsOf = new Map<string, Map<string, number>>();
  for (const [from, to] of pairs) {
    const atRisk = [...(byWave.get(from) ?? [])];
    const later = byWave.get(to);
    const weights = attritionWeights(
      atRisk.map(([member, a]) => ({ ...a, retained: later?.has(member) ?? false })),
    );
    weightsOf.set(
      `${from} ${to}`,
      new Map(
        atRisk.flatMap(([member], i) => (weights[i] === null ? [] : [[member, weights[i]!]])),
      ),
    );
  }
  const counted = new Map<string, { pairs: number; effectivePairs: number | null }>();
  const key = (id: string, from: string, to: string) => `${id} ${from} ${to}`;
  const changes = changesBy(pairs, constructIds, (id, from, to) => {
    const why = notCompared(id, from, to);
    if (why) return why;
    const earlier: number[] = [];
    const later: number[] = [];
    const weights: number[] = [];
    const retained = weightsOf.get(`${from} ${to}`)!;
    for (const [member, a] of byWave.get(from) ?? []) {
      const x = a.scores[id];
      const y = byWave.get(to)?.get(member)?.scores[id];
      if (typeof x === "number" && typeof y === "number") {
        earlier.push(x);
        later.push(y);
        weights.push(retained.get(member)!);
      }
    }
    if (earlier.length === 0) return undefined; // no member answered this construct in both
    const threshold = shareFrom(id);
    const test =
      earlier.length < minCellSize
        ? null
        : threshold === undefined
          ? weightedPairedChange(earlier, later, weights)
          : weightedPairedShareChange(earlier, later, weights, threshold);
    counted.set(key(id, from, to), {
      pairs: earlier.length,
      effectivePairs: test?.effectivePairs ?? null,
    });
    // Weights that leave fewer effective pairs than a shown cell needs: no test.
    return test && test.effectivePairs >= minCellSize ? test : null;
  });
  return new Map(
    [...changes].map(([id, list]) => [
      id,
      list.map((c) => ({
        ...c,
        ...(counted.get(key(id, c.fromWaveId, c.toWaveId)) ?? { pairs: 0, effectivePairs: null }),
        measure: shareFrom(id) === undefined ? ("mean" as const) : ("share" as const),
      })),
    ]),
  );
}
