/**
 * What a scale measures is the scale's own metadata (issue 17, one engine):
 * the frequency and agreement scales were lists of ids in code, so only
 * `agree5` got the agreement items' distribution tables, and a scale added
 * to the bank (or a likelihood, satisfaction or extent scale) was never
 * recognised. Now every scale of surveys/scales.json states its `kind`, the
 * snapshot carries it, and the engine reads the kind; a snapshot published
 * before the field takes the kind of the bank's scale of the same id.
 */
import {
  distributionItemsOf,
  frequencyItemsOf,
  scaleKindOf,
} from "../../server/analytics/frequency-items";
import { loadItemBank } from "../../server/surveys/bank";
import { snapshotOf, type InstrumentSnapshot } from "../../server/surveys/snapshot";

const bank = loadItemBank();

it("has every scale of the bank state its kind", () => {
  for (const [id, scale] of Object.entries(bank.scales))
    expect([id, scale.kind]).toEqual([id, expect.any(String)]);
  expect(bank.scales.agree5!.kind).toBe("agreement");
  expect(bank.scales.frequency5!.kind).toBe("frequency");
});

it("gives an item on any Likert-type scale a distribution table, by the scale's kind", () => {
  const snapshot = snapshotOf(bank, "core");
  const likert = new Set(["agreement", "likelihood", "satisfaction", "extent", "evaluation"]);
  const scored = snapshot.pages.flatMap((p) =>
    p.items.filter((i) => i.kind === "item" && i.scored && i.constructId && i.scale),
  );
  const onLikert = scored.filter((i) => likert.has(bank.scales[i.scale!.id]!.kind));
  // Not agreement only: the core asks other Likert-type scales too.
  expect(new Set(onLikert.map((i) => i.scale!.id)).size).toBeGreaterThan(1);
  const tabled = new Set(distributionItemsOf(snapshot).map((i) => i.id));
  for (const i of onLikert) expect([i.id, tabled.has(i.id)]).toEqual([i.id, true]);
  // The snapshot carries each scale's kind.
  for (const i of scored) expect(i.scale!.kind).toBe(bank.scales[i.scale!.id]!.kind);
});

it("recognises a scale by its kind, not its id, and an old snapshot by the bank's scale", () => {
  const snapshot = structuredClone(snapshotOf(bank, "core")) as InstrumentSnapshot;
  const items = snapshot.pages.flatMap((p) => p.items);
  const agree = items.find((i) => i.kind === "item" && i.scored && i.scale?.id === "agree5")!;
  const often = items.find((i) => i.kind === "item" && i.scored && i.scale?.id === "frequency5")!;
  // A scale of another id that says it is an agreement scale is one.
  agree.scale = { ...agree.scale!, id: "agree7_local", kind: "agreement" };
  expect(scaleKindOf(agree.scale)).toBe("agreement");
  expect(distributionItemsOf(snapshot).map((i) => i.id)).toContain(agree.id);
  // A 0-10 rating scale is a mean without a table, whatever its id.
  const other = items.find(
    (i) => i.kind === "item" && i.scored && i.scale?.id === "agree5" && i.id !== agree.id,
  )!;
  other.scale = { ...other.scale!, id: "agree5", kind: "rating" };
  expect(distributionItemsOf(structuredClone(snapshot)).map((i) => i.id)).not.toContain(other.id);
  // Published before scales had a kind: the bank's scale of that id says.
  delete (often.scale as { kind?: string }).kind;
  expect(scaleKindOf(often.scale!)).toBe("frequency");
  expect(frequencyItemsOf(snapshot).map((i) => i.id)).toContain(often.id);
});
