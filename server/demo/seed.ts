import { Authority } from "../authorities/model";
import { getSnapshot, publishInstrument } from "../instruments/service";
import { SurveyResponse } from "../responses/model";
import { SampleDesignMark } from "../results/sample-design";
import type { InstrumentSnapshot } from "../surveys/snapshot";
import { scoreResponse } from "../surveys/scoring";
import { validateAnswers } from "../surveys/answer-schema";
import { Wave } from "../waves/model";
import type { FieldCipher } from "../privacy/crypto";
import { ensureDemoDistribution } from "./distribution";
import { DEMO_AUTHORITIES, DEMO_WAVES } from "./program";
import { demoItems } from "./demo-items";
import { seededRandom } from "./random";
import { syntheticAnswers } from "./synthetic-answers";
import { ensureDemoBridgePair } from "./bridge-pair";
import { ensureDemoUsers } from "./users";

/** The open link of the demo survey: `/take/demo`. */
export const DEMO_OPEN_LINK = "demo";

export interface DemoSeedResult {
  created: boolean;
  authorities: number;
  waves: number;
  responses: number;
  openLinkAuthoritySlug: string;
}

/**
 * Creates the demo program when the store has no authority yet: three fictional
 * program authorities and three comparison localities (a smaller change), a closed baseline and an open follow-up wave each, synthetic
 * responses with a small improvement, and the open demo link.
 */
export async function ensureDemoProgram(
  options: {
    responsesPerWave?: number;
    seed?: number;
    /** The demo accounts' password; without one no demo account is made. */
    demoPassword?: string;
    /** When given, the demo link's wave also gets demo contacts and a kiosk. */
    distribution?: { cipher: FieldCipher; linkSecret: string };
    /**
     * Also a locality whose baseline is on the first edition and whose follow-up,
     * on the second, is bridged (server/demo/bridge-pair.ts): `npm start` and
     * `npm run seed` show it; tests that count the demo's waves leave it out.
     */
    bridgePair?: boolean;
  } = {},
): Promise<DemoSeedResult> {
  const first = DEMO_AUTHORITIES[0]!.slug;
  if ((await Authority.estimatedDocumentCount()) > 0) {
    if (options.demoPassword) await ensureDemoUsers(options.demoPassword);
    return { created: false, authorities: 0, waves: 0, responses: 0, openLinkAuthoritySlug: first };
  }
  const perWave = options.responsesPerWave ?? 160;
  const random = seededRandom(options.seed ?? 2026);
  const instrument = await publishInstrument("core");
  const snapshot: InstrumentSnapshot = await getSnapshot(instrument.id);
  const items = demoItems(snapshot);

  let waves = 0;
  let responses = 0;
  for (const [index, a] of DEMO_AUTHORITIES.entries()) {
    const authority = await Authority.create({
      slug: a.slug,
      name: a.name,
      population: a.population,
      programStatus: a.programStatus,
      socioEconomicCluster: a.socioEconomicCluster,
      peripheryCluster: a.peripheryCluster,
      populationSize: a.populationSize,
    });
    for (const w of DEMO_WAVES) {
      const wave = await Wave.create({
        authorityId: authority._id,
        instrumentVersionId: instrument.id,
        name: w.name,
        kind: w.kind,
        status: w.status,
        opensAt: w.opensAt,
        closesAt: w.closesAt,
        channels: ["open-link"],
        openLinkSlug:
          w.status === "open" ? (index === 0 ? DEMO_OPEN_LINK : `${a.slug}-2026`) : undefined,
      });
      waves += 1;
      // The demo's closed waves stand for random samples drawn from the population
      // register, as a researcher would mark them, so the dashboard shows intervals
      // and tests; the open wave stays an open link's engagement reading.
      if (w.status === "closed")
        await SampleDesignMark.create({ waveId: wave._id, probability: true, setBy: "demo" });
      const docs = [];
      // Waves differ a little in size, as real ones do.
      const count = Math.round(perWave * (0.85 + 0.3 * random()));
      for (let i = 0; i < count; i += 1) {
        const checked = validateAnswers(
          snapshot,
          syntheticAnswers(items, a.level, w.shift * a.change, random),
        );
        if (!checked.ok)
          throw new Error(`Synthetic answers failed validation: ${JSON.stringify(checked.issues)}`);
        const submittedAt = new Date(w.opensAt.getTime() + Math.floor(random() * 40) * 86_400_000);
        docs.push({
          waveId: wave._id,
          authorityId: authority._id,
          instrumentVersionId: instrument.id,
          channel: "open-link" as const,
          locale:
            a.population === "arab" || (a.population === "mixed" && random() < 0.4) ? "ar" : "he",
          submissionId: `demo-${wave._id.toHexString()}-${i}`,
          answers: checked.answers,
          scores: scoreResponse(snapshot, checked.answers),
          submittedAt,
          // A third of each wave are panel members who answer every wave (paired comparisons).
          ...(i < count / 3 ? { panelId: `demo-${a.slug}-${i}` } : {}),
        });
      }
      await SurveyResponse.insertMany(docs);
      responses += docs.length;
    }
  }
  let authorities = DEMO_AUTHORITIES.length;
  if (options.bridgePair) {
    const pair = await ensureDemoBridgePair(perWave, random);
    authorities += 1;
    waves += pair.waves;
    responses += pair.responses;
  }
  if (options.distribution) {
    const demoWave = await Wave.findOne({ openLinkSlug: DEMO_OPEN_LINK }).lean();
    if (demoWave) await ensureDemoDistribution(demoWave, options.distribution);
  }
  if (options.demoPassword) await ensureDemoUsers(options.demoPassword);
  return {
    created: true,
    authorities,
    waves,
    responses,
    openLinkAuthoritySlug: first,
  };
}
