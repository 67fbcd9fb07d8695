import { demoItems } from "../../server/demo/demo-items";
import { loadInstrumentDraft, loadItemBank } from "../../server/surveys/bank";
import { publishSnapshot } from "../../server/surveys/snapshot";

describe("demoItems", () => {
  it("lists the snapshot's items in page order with their scale values", () => {
    const bank = loadItemBank();
    const snapshot = publishSnapshot(bank, loadInstrumentDraft(bank, "core"));
    const items = demoItems(snapshot);
    expect(items.map((i) => i.id)).toEqual(snapshot.pages.flatMap((p) => p.items.map((i) => i.id)));
    expect(items.find((i) => i.id === "ce_conflict_1")).toEqual({
      id: "ce_conflict_1",
      constructId: "collective_efficacy",
      points: [1, 2, 3, 4, 5],
      reverse: true,
      dontKnow: false,
    });
  });
});
