/**
 * `npm run analyze` and the dashboards call the same constructs frequency
 * constructs (compared on the favourable share, reported as distributions):
 * the dashboards decide per published instrument (every scored item on a
 * frequency scale), the analysis from the bank, and on every edition of every
 * instrument the two must agree, or an export and a dashboard would compare
 * one construct two ways.
 */
import { bankDefinitions } from "../../server/analytics/construct-definitions";
import { frequencyConstructsOf } from "../../server/analytics/frequency-items";
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

it.each(EDITIONS)("agrees on %s edition %d", (key, edition) => {
  const snapshot = snapshotOf(bank, key, edition);
  const dashboards = [...frequencyConstructsOf(snapshot)].sort();
  const analysis = snapshot.constructs
    .map((c) => c.id)
    .filter((id) => definitions.get(id)?.frequency)
    .sort();
  expect(analysis).toEqual(dashboards);
});

it("counts of taking part are ordered categories, reported as shares", () => {
  expect(definitions.get("involvement")?.frequency).toBe(true);
  expect(definitions.get("volunteering")?.frequency).toBe(true);
  const countOnly = [...definitions].filter(([id]) =>
    bank.constructs
      .find((c) => c.id === id)
      ?.items.every((i) => i.scored === false || i.scale === "count4"),
  );
  expect(countOnly.length).toBeGreaterThan(0);
  for (const [, d] of countOnly) expect(d.frequency).toBe(true);
});
