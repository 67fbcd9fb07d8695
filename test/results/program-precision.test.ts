/**
 * Precision on the program page (issue 17, item 4): every other report withholds
 * a figure whose 95% interval is wider than the configured share of its scale
 * (server/analytics/reporting-rules.ts), but the program page withheld only on
 * n and effective n, so a pooled mean of a few towns that disagree, or one
 * town's mean of a spread-out sample, was shown however wide its interval.
 * Its points now follow the evaluation: withheld as `imprecise`, the reason given.
 */
import type { Express } from "express";
import { Authority } from "../../server/authorities/model";
import { publishInstrument } from "../../server/instruments/service";
import { Wave } from "../../server/waves/model";
import { makeAuthority } from "../factories/program";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { addResponses } from "./factory";

let t: TestStore;

beforeAll(async () => {
  t = await startTestStore();
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

interface Point {
  period: string;
  n: number | null;
  suppressed: boolean;
  suppressedReason: string | null;
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}
interface Series {
  id: string;
  points: Point[];
}
interface Program {
  benchmark: Series[];
  perAuthority: Array<{ slug: string | null; constructs: Series[] }>;
}

async function program(app: Express): Promise<Program> {
  const s = await signInAs(app, "researcher");
  return (await s.agent.get("/api/results/program?lang=en").expect(200)).body as Program;
}

const baseline = (series: Series[]) =>
  series.find((c) => c.id === "sense_of_community")!.points.find((p) => p.period === "baseline")!;

/** A Jewish town of the program with one closed baseline of residents answering `positions`. */
async function town(version: Awaited<ReturnType<typeof publishInstrument>>, positions: number[]) {
  const a = await makeAuthority();
  await Authority.updateOne({ _id: a._id }, { population: "jewish", populationSize: 1000 });
  const wave = await Wave.create({
    authorityId: a._id,
    instrumentVersionId: version.id,
    name: { he: "בסיס", ar: "أساس", en: "Baseline" },
    kind: "baseline",
    status: "closed",
    opensAt: new Date("2022-03-01"),
    channels: ["sms"],
  });
  await addResponses(
    wave,
    positions.map((position) => ({ position })),
  );
  return a;
}

it("withholds a pooled or an authority's point whose interval is too wide", async () => {
  const core = await publishInstrument("core");
  // Four towns in one group, their means 4, 3, 3 and 3: the pooled mean 13/4
  // with SE 1/4 on 3 df, an interval of about ±0.8 on a 1–5 scale.
  await town(core, Array<number>(20).fill(3));
  const steady = await town(core, Array<number>(20).fill(2));
  await town(core, Array<number>(20).fill(2));
  // The last split between the ends of the scale: n 10, its own interval about ±1.5.
  const split = await town(
    core,
    Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? 0 : 4)),
  );

  const app = testApp(t);
  const body = await program(app);
  expect(baseline(body.benchmark)).toMatchObject({
    suppressed: true,
    suppressedReason: "imprecise",
    mean: null,
    ciLow: null,
  });
  expect(baseline(body.perAuthority.find((a) => a.slug === split.slug)!.constructs)).toMatchObject({
    n: 10,
    suppressed: true,
    suppressedReason: "imprecise",
    mean: null,
  });
  // A steady town is shown, and says nothing is withheld.
  const own = (b: Program, slug: string) =>
    baseline(b.perAuthority.find((a) => a.slug === slug)!.constructs);
  expect(own(body, steady.slug)).toMatchObject({ suppressed: false, suppressedReason: null });
  // Its dashboard's benchmark is the same figure of the others (means 4, 3 and 3,
  // SE 1/3 on 2 df), withheld alike.
  const beside = async (a: Express) => {
    const s = await signInAs(a, "researcher");
    const page = (await s.agent.get(`/api/results/authorities/${steady.slug}?lang=en`).expect(200))
      .body as { constructs: Array<{ id: string; benchmark: Array<{ shown: boolean }> }> };
    return page.constructs.find((c) => c.id === "sense_of_community")!.benchmark[0]!;
  };
  expect(await beside(app)).toMatchObject({ shown: false });

  // The threshold is the configured one: a lax rule shows both.
  const laxApp = testApp(t, { reporting: { ...t.config.reporting, maxHalfWidthShare: 1 } });
  const lax = await program(laxApp);
  expect(baseline(lax.benchmark)).toMatchObject({ suppressed: false, suppressedReason: null });
  expect(own(lax, split.slug)).toMatchObject({ suppressed: false, mean: 3 });
  expect(await beside(laxApp)).toMatchObject({ shown: true });
}, 90_000);
