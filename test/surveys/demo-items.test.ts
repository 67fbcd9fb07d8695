import { demoItems } from "../../server/demo/demo-items";
import { loadInstrumentDraft, loadItemBank } from "../../server/surveys/bank";
import { publishSnapshot } from "../../server/surveys/snapshot";

describe("demoItems", () => {
  it("lists the snapshot's items in page order with their scale values", () => {
    const bank = loadItemBank();
    const snapshot = publishSnapshot(bank, loadInstrumentDraft(bank, "core"));
    const items = demoItems(snapshot);
    const choiceQuestions = snapshot.pages.flatMap((p) => p.items.filter((i) => i.scale));
    expect(items.map((i) => i.id)).toEqual(choiceQuestions.map((i) => i.id));
    // Every scored item is described, so synthetic residents answer every construct.
    for (const c of snapshot.constructs) {
      for (const id of c.itemIds) expect(items.map((i) => i.id)).toContain(id);
    }
    expect(items.find((i) => i.id === "ce_conflict_1")).toEqual({
      id: "ce_conflict_1",
      constructId: "collective_efficacy",
      kind: "item",
      points: [1, 2, 3, 4, 5],
      reverse: true,
      dontKnow: false,
    });
    expect(items.find((i) => i.id === "dem_age_band")).toMatchObject({
      constructId: "demographics",
      kind: "demographic",
      points: [1, 2, 3, 4, 5, 6, 7],
      dontKnow: true,
    });
    // Free text is left blank by synthetic residents.
    expect(items.map((i) => i.id)).not.toContain("dem_neighbourhood");
  });
});
