import mongoose from "mongoose";
import { Authority } from "../authorities/model";
import { changeLabel } from "../analytics/change-label";
import { welchChange } from "../analytics/change";
import { NotFoundError } from "../errors";
import type { Locale } from "../i18n/locales";
import { getSnapshot } from "../instruments/service";
import { freshAggregates } from "../results/aggregate-cache";
import { statsOf, type CellStats } from "../results/moments";
import { constructsOf } from "../surveys/scoring";
import { Wave } from "../waves/model";
import type { Transparency } from "./schema";
import { publicUpdates } from "./updates";

/** Below this many valid scores a public cell shows nothing at all, not even n. */
export const PUBLIC_MIN_CELL = 10;

type Cell = CellStats;
const shown = (
  c: Cell | undefined,
): c is Cell & { mean: number; sd: number; se: number; ciLow: number; ciHigh: number } =>
  c !== undefined &&
  c.n >= PUBLIC_MIN_CELL &&
  c.mean !== null &&
  c.sd !== null &&
  c.se !== null &&
  c.ciLow !== null &&
  c.ciHigh !== null;

/**
 * An authority's public page: the latest wave's main results and the change
 * since the baseline, from aggregates only. A cell below the threshold is left
 * out entirely (its n is not shown either), and so is any change that would
 * need one; the approved "you said, we did" entries follow.
 */
export async function transparencyPage(slug: string, locale: Locale): Promise<Transparency> {
  const authority = await Authority.findOne({ slug }).lean();
  if (!authority) throw new NotFoundError();
  const waves = await Wave.find({
    authorityId: authority._id,
    status: mongoose.trusted({ $in: ["open", "paused", "closed"] }),
  })
    .sort({ opensAt: 1 })
    .lean();
  const updates = await publicUpdates(authority._id, locale);
  const base = {
    authority: { slug, name: authority.name[locale] },
    minCellSize: PUBLIC_MIN_CELL,
    updates,
  };
  const latest = waves[waves.length - 1];
  if (!latest) return { ...base, wave: null, baseline: null, constructs: [] };
  const baseline = waves.find((w) => w.kind === "baseline" && !w._id.equals(latest._id));

  // The dashboards' per-wave aggregates, kept up to date as responses arrive.
  const aggregates = await freshAggregates();
  const cell = (waveId: mongoose.Types.ObjectId | undefined, construct: string) => {
    const total = waveId ? aggregates.get(waveId)?.constructs.get(construct)?.total : undefined;
    return total ? statsOf(total) : undefined;
  };

  const constructs = constructsOf(await getSnapshot(latest.instrumentVersionId)).map((c) => {
    const now = cell(latest._id, c.id);
    const then = cell(baseline?._id, c.id);
    const change = shown(now) && shown(then) ? welchChange(then, now) : null;
    return {
      id: c.id,
      name: c.name[locale],
      description: c.description[locale],
      scale: { min: c.scale.min, max: c.scale.max },
      latest: shown(now) ? { mean: now.mean, ciLow: now.ciLow, ciHigh: now.ciHigh } : null,
      baseline: shown(then) ? { mean: then.mean } : null,
      change: change ? { key: changeLabel(change).key, diff: change.diff } : null,
    };
  });
  return {
    ...base,
    wave: { name: latest.name[locale], opensAt: latest.opensAt.toISOString() },
    baseline: baseline ? { name: baseline.name[locale] } : null,
    constructs,
  };
}
