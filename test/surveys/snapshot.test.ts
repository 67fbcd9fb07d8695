import { loadInstrumentDraft, loadItemBank, type ItemBank } from "../../server/surveys/bank";
import { instrumentSnapshotSchema, publishSnapshot } from "../../server/surveys/snapshot";

const fresh = () => loadItemBank();
const publish = (bank: ItemBank) => publishSnapshot(bank, loadInstrumentDraft(bank, "core"));

describe("publishing a snapshot", () => {
  const snapshot = publish(fresh());

  it("is valid by its own schema and self-contained", () => {
    expect(instrumentSnapshotSchema.parse(snapshot)).toEqual(snapshot);
    const item = snapshot.pages[2]!.items[0]!;
    expect(item.scale.points.map((p) => p.value)).toEqual([1, 2, 3, 4]);
    expect(item.scale.dontKnowLabel.en).toBe("Don't know");
    expect(snapshot).not.toHaveProperty("version");
  });

  it("lists constructs in page order with their score range and items", () => {
    expect(snapshot.constructs.map((c) => [c.id, c.scale, c.itemIds.length])).toEqual([
      ["sense_of_community", { min: 1, max: 5 }, 4],
      ["collective_efficacy", { min: 1, max: 5 }, 4],
      ["satisfaction_with_authority", { min: 1, max: 4 }, 4],
    ]);
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
