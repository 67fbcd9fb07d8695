/**
 * Finding 6, "the program view minus one's own authority gives the other
 * authorities' pooled figures exactly": an authority analyst saw the program
 * benchmark pooled over every authority, their own included, beside their own
 * figures, so (n·mean of the benchmark − n·mean of their own) gave the others'
 * pooled figures; with one or two others contributing that named them. The
 * benchmark an authority role sees now pools only the other authorities whose
 * own cell is large enough, and is shown only when at least three do.
 */
import type { Express } from "express";
import { makeOpenWave } from "../factories/program";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { addResponses, respondents } from "../results/factory";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  // What the benchmark gives away is checked here, not the precision rule
  // (test/results/program-precision.test.ts): no interval is too wide to show.
  app = testApp(t, { reporting: { ...t.config.reporting, maxHalfWidthShare: Infinity } });
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

interface Point {
  kind: string;
  n: number | null;
  suppressed: boolean;
  mean: number | null;
}
interface Construct {
  id: string;
  points: Point[];
}

async function programAs(role: "authority-analyst" | "researcher", authorityId?: unknown) {
  const s = await signInAs(app, role, authorityId as never);
  const res = await s.agent.get("/api/results/program?lang=en");
  expect(res.status).toBe(200);
  return res.body as { benchmark: Construct[]; own: { constructs: Construct[] } | null };
}

const baselineOf = (constructs: Construct[]) =>
  constructs.find((c) => c.id === "sense_of_community")!.points.find((p) => p.kind === "baseline")!;

it("does not let an analyst subtract their own figures from the benchmark to get one other's", async () => {
  const own = await makeOpenWave();
  const other = await makeOpenWave();
  await addResponses(own.wave, respondents(20, { position: 0 }));
  await addResponses(other.wave, respondents(20, { position: 3 }));

  const body = await programAs("authority-analyst", own.authority._id);
  const mine = baselineOf(body.own!.constructs);
  const bench = baselineOf(body.benchmark);
  expect(mine).toMatchObject({ n: 20, suppressed: false });
  // Before: benchmark n 40, mean 2.5; 40·2.5 − 20·1 = 20·4 was the other authority exactly.
  expect(bench).toMatchObject({ suppressed: true, mean: null, n: null });
});

it("pools only the other authorities, and only when three of them each meet the cell minimum", async () => {
  const own = await makeOpenWave();
  const others = [await makeOpenWave(), await makeOpenWave(), await makeOpenWave()];
  await addResponses(own.wave, respondents(30, { position: 0 }));
  await addResponses(others[0]!.wave, respondents(20, { position: 3 }));
  await addResponses(others[1]!.wave, respondents(20, { position: 3 }));
  // Too small to count as a contributor: two large others and this one would be named.
  await addResponses(others[2]!.wave, respondents(4, { position: 1 }));

  const few = await programAs("authority-analyst", own.authority._id);
  expect(baselineOf(few.benchmark)).toMatchObject({ suppressed: true, mean: null, n: null });

  await addResponses(others[2]!.wave, respondents(16, { position: 1 })); // now 20
  const enough = await programAs("authority-analyst", own.authority._id);
  const bench = baselineOf(enough.benchmark);
  // The others alone: 40 scores of 4 and 20 of 2; the analyst's own 30 are not in it.
  expect(bench).toMatchObject({ suppressed: false, n: 60 });
  expect(bench.mean).toBeCloseTo((40 * 4 + 20 * 2) / 60, 10);

  // Program-wide roles still see every authority pooled.
  const researcher = await programAs("researcher");
  expect(baselineOf(researcher.benchmark)).toMatchObject({ suppressed: false, n: 90 });
});
