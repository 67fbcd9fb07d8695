/**
 * The results export carries the shares per answer of every frequency item
 * (issue 17, item 4: frequency items reported as distributions): an XLSX
 * "distributions" sheet and a CSV table (`table=distributions`), one row per
 * authority × wave × item × answer, with the dashboard's own shares and
 * intervals (R's svymean / svyciprop, checked in category-shares.test.ts) and
 * its withholding.
 */
import ExcelJS from "exceljs";
import type { Express } from "express";
import { parseCsv } from "../../server/analytics/csv";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { addResponses, authorityWithTwoWaves, respondents } from "./factory";

let t: TestStore;
let app: Express;
let researcher: SignedIn;
let slug: string;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t, { reporting: { minCell: 10, maxHalfWidthShare: 0.5 } });
  await clearCollections();
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  slug = authority.slug;
  // Baseline: codes 1..4 cycle (a quarter each). Follow-up: 8 answers, withheld (n < 10).
  await addResponses(baseline, respondents(40));
  await addResponses(followUp, respondents(8));
  researcher = await signInAs(app, "researcher");
}, 60_000);
afterAll(() => t.close());

const download = async (url: string) =>
  (
    await researcher.agent
      .get(url)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200)
  ).body as Buffer;

interface Dashboard {
  waves: Array<{ id: string }>;
  constructs: Array<{
    id: string;
    distributions: Array<{
      itemId: string;
      categories: Array<{ value: number; label: string }>;
      points: Array<{
        waveId: string;
        n: number;
        suppressedReason: string | null;
        shares: Array<{
          value: number;
          share: number;
          ciLow: number | null;
          ciHigh: number | null;
        }>;
      }>;
    }> | null;
  }>;
}

type Row = Record<string, unknown>;

/** The dashboard's distributions as the export's rows should give them. */
async function expectedRows(): Promise<Row[]> {
  const dash = (await researcher.agent.get(`/api/results/authorities/${slug}?lang=en`).expect(200))
    .body as Dashboard;
  const rows: Row[] = [];
  for (const c of dash.constructs)
    for (const d of c.distributions ?? [])
      for (const p of d.points)
        for (const cat of d.categories) {
          const s = p.shares.find((x) => x.value === cat.value);
          rows.push({
            wave: p.waveId,
            construct: c.id,
            item: d.itemId,
            answer: cat.value,
            answer_label: cat.label,
            n: p.n,
            suppressed_reason: p.suppressedReason,
            share: s?.share ?? null,
            share_ci_low: s?.ciLow ?? null,
            share_ci_high: s?.ciHigh ?? null,
          });
        }
  return rows;
}

const pick = (r: Row) => ({
  wave: r.wave,
  construct: r.construct,
  item: r.item,
  answer: Number(r.answer),
  answer_label: r.answer_label,
  n: Number(r.n),
  suppressed_reason: r.suppressed_reason === "" ? null : (r.suppressed_reason ?? null),
  share: r.share === "" || r.share == null ? null : Number(r.share),
  share_ci_low: r.share_ci_low === "" || r.share_ci_low == null ? null : Number(r.share_ci_low),
  share_ci_high: r.share_ci_high === "" || r.share_ci_high == null ? null : Number(r.share_ci_high),
});

it("writes a distributions sheet with the dashboard's share per answer", async () => {
  const xlsx = await download(`/api/exports/results?authority=${slug}&format=xlsx&lang=en`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet("distributions")!;
  expect(sheet).toBeDefined();
  const cols = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const rows = (sheet.getSheetValues().slice(2) as unknown[][]).map((r) =>
    pick(Object.fromEntries(cols.map((c, i) => [c, r[i + 1]]))),
  );
  const expected = (await expectedRows()).map(pick);
  expect(expected.length).toBeGreaterThan(8);
  expect(rows).toHaveLength(expected.length);
  for (const [i, e] of expected.entries()) {
    const r = rows[i]!;
    expect({ ...r, share: null, share_ci_low: null, share_ci_high: null }).toEqual({
      ...e,
      share: null,
      share_ci_low: null,
      share_ci_high: null,
    });
    for (const k of ["share", "share_ci_low", "share_ci_high"] as const)
      if (e[k] === null) expect(r[k]).toBeNull();
      else expect(r[k]).toBeCloseTo(e[k], 12);
  }
  // Volunteering at baseline: a quarter chose each code, every code 1..4 listed.
  const vol = rows.filter(
    (r) => r.item === expected.find((e) => e.construct === "volunteering")!.item,
  );
  expect(vol.filter((r) => r.share !== null).map((r) => r.share)).toEqual([
    0.25, 0.25, 0.25, 0.25, 0,
  ]);
  // The follow-up's 8 answers are withheld: the reason, no share.
  expect(vol.filter((r) => r.share === null).every((r) => r.suppressed_reason === "small")).toBe(
    true,
  );
}, 60_000);

it("gives the same rows as a CSV table", async () => {
  const csv = parseCsv(
    (
      await download(
        `/api/exports/results?authority=${slug}&format=csv&lang=en&table=distributions`,
      )
    ).toString("utf8"),
  );
  const rows = csv.rows.map(pick);
  const expected = (await expectedRows()).map(pick);
  expect(rows).toHaveLength(expected.length);
  for (const [i, e] of expected.entries()) {
    expect(rows[i]!.item).toBe(e.item);
    expect(rows[i]!.answer).toBe(e.answer);
    if (e.share === null) expect(rows[i]!.share).toBeNull();
    else expect(rows[i]!.share).toBeCloseTo(e.share, 12);
  }
});
