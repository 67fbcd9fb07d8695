/**
 * `npm run analyze` judges each wave's construct by the edition its rows
 * answered (issue 17): edition 2's involvement is on count4 (favourable from
 * 2, "once or more"; range 3) where edition 1's was on frequency5 (from 4;
 * range 4). The bank gives one definition per construct, so an export of
 * edition-2 waves was counted as favourable from 4 ("6 times or more") while
 * its dashboard counted from 2. Every construct of every edition must agree
 * with its published snapshot.
 */
import { analyzeExport } from "../../server/analytics/analyze-export";
import { bankDefinitions, definitionFor } from "../../server/analytics/construct-definitions";
import type { ExportResponse } from "../../server/analytics/export-input";
import { loadItemBank } from "../../server/surveys/bank";
import { snapshotOf } from "../../server/surveys/snapshot";

const bank = loadItemBank();
const definitions = bankDefinitions();
const EDITIONS: Array<[string, number]> = [
  ["core", 1],
  ["core", 2],
  ["extended", 1],
  ["extended", 2],
];

/** Rows that answered every item of a snapshot (code 1), as an export gives them. */
function rowsOf(key: string, edition: number, n = 3): ExportResponse[] {
  const s = snapshotOf(bank, key, edition);
  const raw = Object.fromEntries(s.pages.flatMap((p) => p.items.map((i) => [i.id, "1"])));
  return Array.from({ length: n }, () => ({
    authority: "a",
    wave: `${key}-${edition}`,
    submittedAt: 0,
    weight: null,
    scores: new Map(),
    raw: { ...raw },
  }));
}

it.each(EDITIONS)("agrees with %s edition %d on every construct", (key, edition) => {
  const s = snapshotOf(bank, key, edition);
  const rows = rowsOf(key, edition);
  for (const c of s.constructs) {
    const d = definitionFor(definitions.get(c.id), rows)!;
    expect([c.id, d.favourableFrom, d.range]).toEqual([
      c.id,
      c.favourableFrom,
      c.scale.max - c.scale.min,
    ]);
  }
});

it("counts edition 2's involvement as favourable from 2 in an analysis", () => {
  // Twenty edition-2 answers: codes 1, 2, 3, 4 in turn. From 2: 15 of 20.
  const rows = rowsOf("core", 2, 20).map((r, i) => ({
    ...r,
    scores: new Map([["involvement", 1 + (i % 4)]]),
  }));
  const out = analyzeExport(
    { constructs: ["involvement"], responses: rows, weighted: false },
    { definitions, minCell: 10, maxHalfWidthShare: 10 },
  );
  expect(out.results[0]!.favourable?.share).toBeCloseTo(15 / 20, 12);
});
