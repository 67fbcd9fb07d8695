/**
 * A construct whose scored items sit on different response scales (issue 17):
 * edition 2 asks involvement on count4 (never, once, 2–5, 6+) where edition 1
 * asked frequency5 (never … very often). An instrument that mixes the two (a
 * workspace draft taking items of both editions) must not average raw codes of
 * two scales, nor drop a frequency5 "5" as off the construct's 1–4 range: each
 * item is read on its own scale (range check and reversal) and placed on the
 * construct's range linearly (docs/methods.md, "Items on different scales").
 * Expected values are worked by hand below.
 */
import { loadInstrumentDraft, loadItemBank } from "../../server/surveys/bank";
import { publishSnapshot } from "../../server/surveys/snapshot";
import type { InstrumentSnapshot } from "../../server/surveys/snapshot-schema";
import { scoredValue, scoreResponse } from "../../server/surveys/scoring";
import { reliabilityOf } from "../../server/surveys/reliability";

const bank = loadItemBank();
const edition1 = publishSnapshot(bank, loadInstrumentDraft(bank, "core", 1));
const edition2 = publishSnapshot(bank, loadInstrumentDraft(bank, "core", 2));

/**
 * Edition 2's involvement (count4, construct range 1–4) with its third item
 * asked on edition 1's frequency5 (1–5), as a mixed draft would publish it.
 */
function mixed(): InstrumentSnapshot {
  const s = structuredClone(edition2) as InstrumentSnapshot;
  const frequency5 = edition1.pages
    .flatMap((p) => p.items)
    .find((i) => i.id === "inv_meeting")!.scale!;
  const item = s.pages.flatMap((p) => p.items).find((i) => i.id === "inv_meeting_b")!;
  (item as { scale: unknown }).scale = structuredClone(frequency5);
  return s;
}

const involvement = (s: InstrumentSnapshot) => s.constructs.find((c) => c.id === "involvement")!;

it("has edition 2's involvement on count4, 1–4", () => {
  expect(involvement(edition2).scale).toEqual({ min: 1, max: 4 });
  expect(involvement(edition2).itemIds).toEqual(["inv_events_b", "inv_centre_b", "inv_meeting_b"]);
});

it("places a frequency5 answer on the construct's 1–4 range instead of dropping a 5", () => {
  const s = mixed();
  const c = involvement(s);
  // 5 of 1–5 is the top: 1 + (5 − 1)/(5 − 1)·(4 − 1) = 4, not missing.
  expect(scoredValue(s, c, "inv_meeting_b", { inv_meeting_b: 5 })).toBe(4);
  // 3 of 1–5 is the middle: 1 + (3 − 1)/4·3 = 2.5.
  expect(scoredValue(s, c, "inv_meeting_b", { inv_meeting_b: 3 })).toBe(2.5);
  // Off its own scale: missing.
  expect(scoredValue(s, c, "inv_meeting_b", { inv_meeting_b: 6 })).toBeNull();
  // An item on the construct's own scale is untouched.
  expect(scoredValue(s, c, "inv_events_b", { inv_events_b: 3 })).toBe(3);
});

it("scores the construct as the mean of the placed values (worked by hand)", () => {
  const s = mixed();
  // count4 2 and 1, frequency5 5 → 4: (2 + 1 + 4) / 3 = 7/3. Averaging raw codes
  // would drop the 5 (off 1–4) and give 1.5.
  expect(
    scoreResponse(s, { inv_events_b: 2, inv_centre_b: 1, inv_meeting_b: 5 }).involvement,
  ).toBeCloseTo(7 / 3, 12);
  // count4 4 and 4, frequency5 2 → 1 + 1/4·3 = 1.75: (4 + 4 + 1.75) / 3 = 3.25.
  // Raw codes would give (4 + 4 + 2) / 3 = 3.333….
  expect(
    scoreResponse(s, { inv_events_b: 4, inv_centre_b: 4, inv_meeting_b: 2 }).involvement,
  ).toBeCloseTo(3.25, 12);
});

it("leaves every construct of the published editions as it was", () => {
  for (const s of [edition1, edition2])
    for (const c of s.constructs)
      for (const id of c.itemIds)
        for (let v = c.scale.min; v <= c.scale.max; v++) {
          const item = s.pages.flatMap((p) => p.items).find((i) => i.id === id)!;
          const expected = item.reverse ? c.scale.min + c.scale.max - v : v;
          expect([id, scoredValue(s, c, id, { [id]: v })]).toEqual([id, expected]);
        }
});

it("reads the placed values in reliability too", () => {
  const s = mixed();
  const rows = [
    { inv_events_b: 1, inv_centre_b: 1, inv_meeting_b: 1 },
    { inv_events_b: 2, inv_centre_b: 2, inv_meeting_b: 2 },
    { inv_events_b: 4, inv_centre_b: 3, inv_meeting_b: 5 },
    { inv_events_b: 3, inv_centre_b: 4, inv_meeting_b: 4 },
  ];
  const rel = reliabilityOf(s, rows).find((r) => r.constructId === "involvement")!;
  // Every row counts: the frequency5 5 is no longer a missing value.
  expect(rel.n).toBe(4);
});
