import { loadInstrumentDraft, loadItemBank, type ItemBank } from "../../server/surveys/bank";
import { instrumentSnapshotSchema, publishSnapshot } from "../../server/surveys/snapshot";

const fresh = () => loadItemBank();
const publish = (bank: ItemBank) => publishSnapshot(bank, loadInstrumentDraft(bank, "core"));

describe("publishing a snapshot", () => {
  const snapshot = publish(fresh());

  it("is valid by its own schema and self-contained", () => {
    expect(instrumentSnapshotSchema.parse(snapshot)).toEqual(snapshot);
    const item = snapshot.pages.flatMap((p) => p.items).find((i) => i.id === "sat_services_1")!;
    expect(item.scale!.points.map((p) => p.value)).toEqual([1, 2, 3, 4]);
    expect(item.scale!.dontKnowLabel.en).toBe("Don't know");
    const sex = snapshot.pages.flatMap((p) => p.items).find((i) => i.id === "dem_sex")!;
    expect(sex).toMatchObject({ kind: "demographic", control: "dropdown", dontKnow: true });
    expect(sex.scale!.dontKnowLabel.en).toBe("Prefer not to say");
    expect(snapshot).not.toHaveProperty("version");
  });

  it("lists constructs in page order with their score range, threshold and scored items", () => {
    expect(
      snapshot.constructs
        .slice(0, 3)
        .map((c) => [c.id, c.scale, c.favourableFrom, c.itemIds.length]),
    ).toEqual([
      ["place_satisfaction", { min: 1, max: 4 }, 3, 1],
      ["sense_of_community", { min: 1, max: 5 }, 4, 4],
      ["collective_efficacy", { min: 1, max: 5 }, 4, 4],
    ]);
    const ce = snapshot.constructs.find((c) => c.id === "collective_efficacy")!;
    expect(ce.subscales).toEqual({
      cohesion: ["ce_cohesion_1", "ce_trust_1", "ce_conflict_1"],
      control: ["ce_intervene_1"],
    });
    // Follow-up items are asked and kept but are not part of the volunteering score.
    const vol = snapshot.constructs.find((c) => c.id === "volunteering")!;
    expect(vol).toMatchObject({ kind: "indicator", itemIds: ["vol_frequency"], favourableFrom: 2 });
  });

  it("parses a version published before conditions and modules existed", () => {
    const old = JSON.parse(JSON.stringify(snapshot));
    for (const page of old.pages)
      for (const item of page.items) {
        for (const key of ["kind", "control", "scored", "required", "subscale", "source"])
          delete item[key];
      }
    for (const c of old.constructs) {
      delete c.kind;
      delete c.subscales;
      delete c.favourableFrom;
    }
    const parsed = instrumentSnapshotSchema.parse(old);
    expect(parsed.pages[0]!.items[0]).toMatchObject({
      kind: "item",
      control: "radio",
      scored: true,
    });
    expect(parsed.constructs[0]!.subscales).toEqual({});
  });

  it("is frozen", () => {
    expect(Object.isFrozen(snapshot)).toBe(true);
    expect(Object.isFrozen(snapshot.pages[0]!.items[0]!.text)).toBe(true);
  });

  it("has a content hash that is stable across loads", () => {
    expect(snapshot.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(publish(fresh()).contentHash).toBe(snapshot.contentHash);
  });

  it("changes its hash when one word changes", () => {
    const bank = fresh();
    const text = bank.items.get("soc_belonging_1")!.item.text;
    text.en = text.en.replace("belong", "fit");
    expect(publish(bank).contentHash).not.toBe(snapshot.contentHash);
  });

  it("does not share objects with the bank", () => {
    const bank = fresh();
    const before = publish(bank);
    bank.items.get("soc_needs_1")!.item.text.he = "שונה";
    expect(before.pages[0]!.items[0]!.text.he).not.toBe("שונה");
  });
});
