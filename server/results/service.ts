import mongoose from "mongoose";
import type { Principal } from "../access/principal";
import { authorityInScope, scopeFor } from "../access/scope";
import { describe } from "../analytics/descriptives";
import type { Locale } from "../i18n/locales";
import { getSnapshot } from "../instruments/service";
import { SurveyResponse } from "../responses/model";
import { constructsOf } from "../surveys/scoring";
import { Wave } from "../waves/model";
import type { AuthorityResults } from "./schema";

/** Cells with fewer valid scores than this show n but no statistics. */
export const DEFAULT_MIN_CELL_SIZE = 10;

/**
 * Each construct of one authority across its waves: n, mean, SD, SE and 95% CI
 * per wave. Constructs are matched by id, so a construct asked in only some
 * waves shows gaps rather than a false line.
 */
export async function authorityResults(
  principal: Principal,
  slug: string,
  locale: Locale,
  minCellSize = DEFAULT_MIN_CELL_SIZE,
): Promise<AuthorityResults> {
  // Someone else's authority is not found, exactly like a missing one.
  const authority = await authorityInScope(principal, slug);
  // sanitizeFilter is on for every query; operators written here in code are marked as trusted.
  const waves = await Wave.find({
    authorityId: authority._id,
    ...scopeFor(principal),
    status: mongoose.trusted({ $ne: "draft" }),
  })
    .sort({ opensAt: 1 })
    .lean();

  const constructs = new Map<string, AuthorityResults["constructs"][number]>();
  for (const wave of waves) {
    for (const c of constructsOf(await getSnapshot(wave.instrumentVersionId))) {
      constructs.set(c.id, {
        id: c.id,
        name: c.name[locale],
        description: c.description[locale],
        source: c.source,
        scale: { min: c.scale.min, max: c.scale.max },
        points: [],
      });
    }
  }

  const scores = new Map<string, Map<string, number[]>>();
  const cursor = SurveyResponse.find(
    { authorityId: authority._id, ...scopeFor(principal) },
    { waveId: 1, scores: 1, _id: 0 },
  )
    .lean()
    .cursor({ batchSize: 1000 });
  for await (const r of cursor) {
    const byConstruct = scores.get(r.waveId.toHexString()) ?? new Map<string, number[]>();
    scores.set(r.waveId.toHexString(), byConstruct);
    for (const [constructId, value] of Object.entries(r.scores as Record<string, unknown>)) {
      if (typeof value !== "number") continue;
      const list = byConstruct.get(constructId) ?? [];
      list.push(value);
      byConstruct.set(constructId, list);
    }
  }

  for (const construct of constructs.values()) {
    for (const wave of waves) {
      const values = scores.get(wave._id.toHexString())?.get(construct.id) ?? [];
      const d = describe(values);
      const suppressed = d.n < minCellSize;
      construct.points.push(
        suppressed
          ? {
              waveId: wave._id.toHexString(),
              n: d.n,
              suppressed,
              mean: null,
              sd: null,
              se: null,
              ciLow: null,
              ciHigh: null,
            }
          : { waveId: wave._id.toHexString(), suppressed, ...d },
      );
    }
  }

  return {
    authority: {
      id: authority._id.toHexString(),
      slug: authority.slug,
      name: authority.name[locale],
    },
    minCellSize,
    waves: waves.map((w) => ({
      id: w._id.toHexString(),
      name: w.name[locale],
      kind: w.kind,
      opensAt: w.opensAt.toISOString(),
    })),
    constructs: [...constructs.values()],
  };
}
