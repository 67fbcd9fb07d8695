import type { Principal } from "../access/principal";
import { scopeFor } from "../access/scope";
import { authorityInScope } from "../authorities/in-scope";
import type { Locale } from "../shared/locales";
import { Wave } from "../waves/model";
import type { AnalyticsScope } from "./analytics-scope";
import type { ResponseRates } from "./schema";

/**
 * How many responses each wave of one authority has, by channel: what a
 * coordinator needs to steer fieldwork, with no answer and no score in it.
 */
export async function responseRates(
  analytics: AnalyticsScope,
  principal: Principal,
  slug: string,
  locale: Locale,
): Promise<ResponseRates> {
  const authority = await authorityInScope(principal, slug);
  const waves = await Wave.find({ authorityId: authority._id, ...scopeFor(principal) })
    .sort({ opensAt: 1 })
    .lean();
  // Counts come from the per-wave aggregates, kept current as responses arrive.
  const aggregates = await analytics.aggregates.fresh();
  return {
    authority: { id: authority._id.toHexString(), slug: authority.slug },
    waves: waves.map((w) => {
      const byChannel = aggregates.get(w._id)?.byChannel ?? {};
      return {
        id: w._id.toHexString(),
        name: w.name[locale],
        status: w.status,
        kind: w.kind,
        responses: Object.values(byChannel).reduce((a, b) => a + b, 0),
        byChannel,
      };
    }),
  };
}
