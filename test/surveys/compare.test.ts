import { compareVersions } from "../../server/surveys/compare";
import { loadItemBank, type ItemBank } from "../../server/surveys/bank";
import { snapshotOf } from "../../server/surveys/snapshot";

const publish = (edit: (bank: ItemBank) => void = () => {}) => {
  const bank = loadItemBank();
  edit(bank);
  return snapshotOf(bank, "core");
};
const base = publish();
const core = () => loadItemBank().instruments.get("core")!;

describe("compareVersions", () => {
  it("finds no break between identical versions", () => {
    expect(compareVersions(base, publish())).toEqual({
      from: base.contentHash,
      to: base.contentHash,
      breaks: [],
      continuous: true,
    });
  });

  it("reports a wording change per language, and the construct's series with it", () => {
    const next = publish((bank) => {
      bank.items.get("soc_needs_1")!.item.text.ar = "نص جديد.";
    });
    expect(compareVersions(base, next).breaks).toEqual([
      { id: "soc_needs_1", kind: "wording", locales: ["ar"] },
      { id: "sense_of_community", kind: "items" },
    ]);
  });

  it("reports a changed scale label, reverse flag and don't-know option", () => {
    const next = publish((bank) => {
      bank.scales.satisfaction4!.points[0]!.label.he = "ממש לא מרוצה";
      bank.items.get("ce_trust_1")!.item.reverse = true;
    });
    const kinds = compareVersions(base, next).breaks.map((b) => `${b.id}:${b.kind}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        "sat_services_1:scale",
        "qol_place:scale",
        "ce_trust_1:reverse",
        "collective_efficacy:items",
        "satisfaction_with_authority:items",
      ]),
    );
  });

  it("reports items added and removed, but not a page reordering", () => {
    const next = publish((bank) => {
      const draft = core();
      draft.pages[0]!.items = draft.pages[0]!.items.filter((i) => i !== "soc_needs_1");
      draft.pages[0]!.items.push("soc_needs_2");
      bank.instruments.set("core", draft);
    });
    expect(compareVersions(base, next).breaks).toEqual([
      { id: "soc_needs_1", kind: "removed" },
      { id: "soc_needs_2", kind: "added" },
      { id: "sense_of_community", kind: "items" },
    ]);
    const reordered = publish((bank) => {
      const draft = core();
      draft.pages.reverse();
      bank.instruments.set("core", draft);
    });
    expect(compareVersions(base, reordered).continuous).toBe(true);
  });
});
