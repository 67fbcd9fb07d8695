import { Authority } from "../authorities/model";
import { bridgeArmOf } from "../instruments/bridge";
import { getSnapshot, publishInstrument } from "../instruments/service";
import { SurveyResponse } from "../responses/model";
import { SampleDesignMark } from "../results/sample-design";
import { validateAnswers } from "../surveys/answer-schema";
import { scoreResponse } from "../surveys/scoring";
import { Wave } from "../waves/model";
import { demoItems } from "./demo-items";
import { syntheticAnswers } from "./synthetic-answers";

/** The demo locality whose two waves show a series break and its bridge. */
export const BRIDGE_DEMO_SLUG = "tel-rimon";

/**
 * A demo pair (issue 19): a locality with a baseline on the core instrument's
 * first edition and a follow-up on the second, the follow-up bridged: half its
 * residents, drawn per response as the survey flow draws them, answered the
 * first edition's wording. The results then show the series break on every
 * construct whose items changed, and the wave page the two wordings compared.
 * The new wording reads a little higher than the old (a wording effect of 0.15
 * SD), so the comparison has something to show.
 */
export async function ensureDemoBridgePair(
  perWave: number,
  random: () => number,
): Promise<{ waves: number; responses: number }> {
  const v1 = await publishInstrument("core");
  const v2 = await publishInstrument("core", undefined, 2);
  const [old, now] = await Promise.all([getSnapshot(v1.id), getSnapshot(v2.id)]);
  const authority = await Authority.create({
    slug: BRIDGE_DEMO_SLUG,
    name: { he: "תל רימון", ar: "تل ريمون", en: "Tel Rimon", ru: "Тель-Римон" },
    population: "jewish",
    programStatus: "treated",
    socioEconomicCluster: 4,
    peripheryCluster: 3,
    populationSize: 20_000,
  });
  const waves = [
    {
      kind: "baseline" as const,
      opensAt: new Date("2025-03-09T06:00:00Z"),
      closesAt: new Date("2025-05-08T21:00:00Z"),
      name: { he: "מדידת בסיס 2025", ar: "القياس الأساسي 2025", en: "Baseline 2025" },
      version: v1.id,
      bridge: undefined,
      shift: 0,
    },
    {
      kind: "follow-up" as const,
      opensAt: new Date("2026-03-08T06:00:00Z"),
      closesAt: new Date("2026-05-07T21:00:00Z"),
      name: {
        he: "מדידת המשך 2026 (נוסח חדש, עם גשר)",
        ar: "قياس المتابعة 2026 (صياغة جديدة مع جسر)",
        en: "Follow-up 2026 (new wording, bridged)",
      },
      version: v2.id,
      bridge: { instrumentVersionId: v1.id, share: 0.5 },
      shift: 0.2,
    },
  ];
  let responses = 0;
  for (const w of waves) {
    const wave = await Wave.create({
      authorityId: authority._id,
      instrumentVersionId: w.version,
      name: w.name,
      kind: w.kind,
      status: "closed",
      opensAt: w.opensAt,
      closesAt: w.closesAt,
      channels: ["open-link"],
      ...(w.bridge ? { bridge: w.bridge } : {}),
    });
    await SampleDesignMark.create({ waveId: wave._id, probability: true, setBy: "demo" });
    const count = Math.round(perWave * (0.85 + 0.3 * random()));
    const docs = [];
    for (let i = 0; i < count; i += 1) {
      const submissionId = `demo-${wave._id.toHexString()}-${i}`;
      const arm = w.bridge ? bridgeArmOf(wave._id.toHexString(), submissionId, 0.5) : undefined;
      const asked = arm === "main" ? { snapshot: now, id: v2.id } : { snapshot: old, id: v1.id };
      const snapshot = asked.snapshot;
      const wording = arm === "main" ? 0.15 : 0;
      const checked = validateAnswers(
        snapshot,
        syntheticAnswers(demoItems(snapshot), 0.53, w.shift + wording, random),
      );
      if (!checked.ok)
        throw new Error(`Synthetic answers failed validation: ${JSON.stringify(checked.issues)}`);
      docs.push({
        waveId: wave._id,
        authorityId: authority._id,
        instrumentVersionId: asked.id,
        ...(arm ? { arm } : {}),
        channel: "open-link" as const,
        locale: "he" as const,
        submissionId,
        answers: checked.answers,
        scores: scoreResponse(snapshot, checked.answers),
        submittedAt: new Date(w.opensAt.getTime() + Math.floor(random() * 40) * 86_400_000),
      });
    }
    await SurveyResponse.insertMany(docs);
    responses += docs.length;
  }
  return { waves: waves.length, responses };
}
