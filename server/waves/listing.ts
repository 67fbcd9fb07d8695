import { scopeFor } from "../access/scope";
import type { Principal } from "../access/principal";
import { Authority } from "../authorities/model";
import { InstrumentVersion } from "../instruments/model";
import { Wave } from "./model";
import { missingTexts } from "./readiness";
import type { WaveList, WaveOptions } from "./schema";
import { presentWaves } from "./service";

type Population = "jewish" | "arab" | "mixed";

/** The authorities in the caller's scope, as the wave pages name them. */
async function authoritiesInScope(principal: Principal) {
  const all = await Authority.find(scopeFor(principal, "_id"), {
    slug: 1,
    name: 1,
    population: 1,
  }).lean();
  return all.map((a) => ({
    id: a._id,
    slug: a.slug,
    name: { he: a.name.he, ar: a.name.ar, en: a.name.en },
    population: a.population as Population,
  }));
}

/**
 * Every wave the caller may see (program roles: all authorities; an authority
 * role: its own), newest opening first, with the authorities they belong to.
 */
export async function listAllWaves(principal: Principal): Promise<WaveList> {
  const authorities = await authoritiesInScope(principal);
  const waves = await Wave.find(scopeFor(principal)).sort({ opensAt: -1, _id: 1 }).lean();
  const seen = new Set(authorities.map((a) => a.id.toHexString()));
  const visible = waves.filter((w) => seen.has(w.authorityId.toHexString()));
  return {
    authorities: authorities.map(({ slug, name, population }) => ({ slug, name, population })),
    waves: await presentWaves(visible),
  };
}

/** What the new-wave form chooses from: authorities and published instrument versions. */
export async function waveOptions(principal: Principal): Promise<WaveOptions> {
  const [authorities, versions] = await Promise.all([
    authoritiesInScope(principal),
    InstrumentVersion.find({}, { key: 1, version: 1, publishedAt: 1, snapshot: 1 })
      .sort({ publishedAt: -1 })
      .lean(),
  ]);
  return {
    authorities: authorities
      .map(({ slug, name, population }) => ({ slug, name, population }))
      .sort((a, b) => a.slug.localeCompare(b.slug)),
    instruments: versions.map((v) => {
      const snapshot = v.snapshot as { title?: { he: string; ar: string; en: string } };
      return {
        id: v._id.toHexString(),
        key: v.key,
        version: v.version,
        title: snapshot.title ?? { he: v.key, ar: v.key, en: v.key },
        publishedAt: v.publishedAt.toISOString(),
        missing: missingTexts(v.snapshot),
      };
    }),
  };
}
