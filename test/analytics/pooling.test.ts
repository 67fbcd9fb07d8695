/**
 * Program pooling (issue 17, item 5) against R's survey package:
 * fixtures/expected-pooling.json is written by reference/pooling.R (svymean with
 * authorities as clusters within population-group strata, each authority
 * weighted equally or by population; a stratum of one authority as
 * survey.lonely.psu = "adjust").
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCsv } from "../../server/analytics/csv";
import { pooledMean, type PoolingCell } from "../../server/analytics/pooling";

const fixture = (name: string) => path.join(__dirname, "fixtures", name);
interface Expected {
  construct: string;
  wave: string;
  weighting: "equal" | "population";
  mean: number;
  se: number;
  df: number;
  ci_low: number;
  ci_high: number;
}
const expected = (
  JSON.parse(readFileSync(fixture("expected-pooling.json"), "utf8")) as { pooled: Expected[] }
).pooled;
const rows = parseCsv(readFileSync(fixture("did-responses.csv"), "utf8")).rows;
const authorities = new Map(
  parseCsv(readFileSync(fixture("pooling-authorities.csv"), "utf8")).rows.map((r) => [
    r.authority!,
    { group: r.group!, population: Number(r.population) },
  ]),
);

function cellsOf(construct: string, wave: string): PoolingCell[] {
  const cells = new Map<string, PoolingCell>();
  for (const r of rows) {
    const text = r[`score_${construct}`]!;
    if (r.wave !== wave || text === "") continue;
    const a = authorities.get(r.authority!)!;
    let c = cells.get(r.authority!);
    if (!c)
      cells.set(
        r.authority!,
        (c = {
          authority: r.authority!,
          stratum: a.group,
          population: a.population,
          n: 0,
          sw: 0,
          swy: 0,
        }),
      );
    c.n += 1;
    c.sw += Number(r.weight);
    c.swy += Number(r.weight) * Number(text);
  }
  return [...cells.values()];
}

describe("pooled program mean (authorities as clusters, stratified by population group)", () => {
  it.each(expected.map((e) => [e.construct, e.wave, e.weighting, e] as const))(
    "%s, %s, authorities weighted %s, agrees with R to 1e-9",
    (construct, wave, weighting, want) => {
      const got = pooledMean(cellsOf(construct, wave), weighting)!;
      expect(got.df).toBe(want.df);
      expect(Math.abs(got.mean - want.mean)).toBeLessThan(1e-9);
      expect(Math.abs(got.se! - want.se)).toBeLessThan(1e-9);
      expect(Math.abs(got.ciLow! - want.ci_low)).toBeLessThan(1e-9);
      expect(Math.abs(got.ciHigh! - want.ci_high)).toBeLessThan(1e-9);
    },
  );

  it("does not let one large sample make the program's figure its own", () => {
    const cell = (authority: string, n: number, mean: number): PoolingCell => ({
      authority,
      stratum: "jewish",
      population: 10_000,
      n,
      sw: n,
      swy: n * mean,
    });
    const pooled = pooledMean([cell("a", 1000, 4), cell("b", 50, 2), cell("c", 50, 3)], "equal")!;
    expect(pooled.mean).toBeCloseTo(3, 12);
    expect(pooled.df).toBe(2);
  });

  it("leaves out authorities without a population when pooling by population", () => {
    const cells = cellsOf("safety", "w2022-baseline").map((c) =>
      c.authority === "t-rahat" ? { ...c, population: null } : c,
    );
    expect(pooledMean(cells, "population")!.authorities).toBe(9);
    expect(pooledMean(cells, "equal")!.authorities).toBe(10);
  });
});
