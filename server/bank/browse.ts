import { Authority } from "../authorities/model";
import type { Locale } from "../shared/locales";
import { InstrumentVersion } from "../instruments/model";
import { Wave } from "../waves/model";
import { currentBank } from "./bank-cache";

interface Use {
  key: string;
  version: number;
  waves: Array<{ id: string; name: string; authority: string; status: string }>;
}

/** For each question id, the published versions that ask it and the waves that use those versions. */
async function usageByQuestion(locale: Locale): Promise<Map<string, Use[]>> {
  const [versions, waves, authorities] = await Promise.all([
    InstrumentVersion.find({}, { key: 1, version: 1, snapshot: 1 }).lean(),
    Wave.find({}, { name: 1, authorityId: 1, instrumentVersionId: 1, status: 1 }).lean(),
    Authority.find({}, { name: 1 }).lean(),
  ]);
  const authorityName = new Map(authorities.map((a) => [a._id.toHexString(), a.name[locale]]));
  const out = new Map<string, Use[]>();
  for (const v of versions.sort((a, b) => a.key.localeCompare(b.key) || a.version - b.version)) {
    const use: Use = {
      key: v.key,
      version: v.version,
      waves: waves
        .filter((w) => w.instrumentVersionId.equals(v._id))
        .map((w) => ({
          id: w._id.toHexString(),
          name: w.name[locale],
          authority: authorityName.get(w.authorityId.toHexString()) ?? "",
          status: w.status,
        })),
    };
    const pages = (v.snapshot as { pages?: Array<{ items?: Array<{ id: string }> }> }).pages ?? [];
    for (const item of pages.flatMap((p) => p.items ?? [])) {
      const list = out.get(item.id) ?? [];
      list.push(use);
      out.set(item.id, list);
    }
  }
  return out;
}

// The workspace works in he/ar/en; the bank's Russian is for residents and the codebook.
const inThree = (t: { he: string; ar: string; en: string }) => ({ he: t.he, ar: t.ar, en: t.en });

/**
 * The item bank as the workspace browses it: constructs with their items in
 * he/ar/en side by side, each item's scale, reverse flag and where it is used;
 * the shared scales; and the modules (demographics).
 */
export async function browseBank(locale: Locale) {
  const bank = currentBank();
  const usage = await usageByQuestion(locale);
  return {
    constructs: bank.constructs.map((c) => ({
      id: c.id,
      kind: c.kind,
      name: inThree(c.name),
      description: inThree(c.description),
      source: c.source,
      items: c.items.map((i) => ({
        id: i.id,
        subscale: i.subscale,
        text: inThree(i.text),
        scale: i.scale,
        control: i.control ?? bank.scales[i.scale]!.control,
        reverse: i.reverse,
        dontKnow: i.dontKnow,
        scored: i.scored,
        source: i.source,
        usedIn: usage.get(i.id) ?? [],
      })),
    })),
    scales: Object.entries(bank.scales).map(([id, s]) => ({
      id,
      control: s.control,
      points: s.points,
      ...(s.anchors ? { anchors: s.anchors } : {}),
    })),
    modules: [...bank.modules.values()].map((m) => ({
      id: m.id,
      name: inThree(m.name),
      questions: m.questions.map((q) => ({
        id: q.id,
        text: inThree(q.text),
        control: q.control,
        // A condition on a module question is picked by these labels, as on a bank item.
        answers: (q.choices ?? (q.scale ? bank.scales[q.scale]!.points : [])).map((p) => ({
          value: p.value,
          label: inThree(p.label),
        })),
      })),
    })),
  };
}
