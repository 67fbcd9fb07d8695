import type { Principal } from "../access/principal";
import { authorityInScope, scopeFor } from "../access/scope";
import type { Locale } from "../i18n/locales";
import { SurveyResponse } from "../responses/model";
import { Wave } from "../waves/model";
import type { ResponseRates } from "./schema";

/**
 * How many responses each wave of one authority has, by channel: what a
 * coordinator needs to steer fieldwork, with no answer and no score in it.
 */
export async function responseRates(
  principal: Principal,
  slug: string,
  locale: Locale,
): Promise<ResponseRates> {
  const authority = await authorityInScope(principal, slug);
  const waves = await Wave.find({ authorityId: authority._id, ...scopeFor(principal) })
    .sort({ opensAt: 1 })
    .lean();
  const counts = new Map<string, Record<string, number>>();
  const cursor = SurveyResponse.find(
    { authorityId: authority._id, ...scopeFor(principal) },
    { waveId: 1, channel: 1, _id: 0 },
  )
    .lean()
    .cursor({ batchSize: 2000 });
  for await (const r of cursor) {
    const byChannel = counts.get(r.waveId.toHexString()) ?? {};
    byChannel[r.channel] = (byChannel[r.channel] ?? 0) + 1;
    counts.set(r.waveId.toHexString(), byChannel);
  }
  return {
    authority: { id: authority._id.toHexString(), slug: authority.slug },
    waves: waves.map((w) => {
      const byChannel = counts.get(w._id.toHexString()) ?? {};
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
