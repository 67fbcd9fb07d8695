/**
 * Issue 19, "what to build" 1: a new published version of core and extended with
 * the wording fixed. Old versions stay; every changed item is a new id and shows
 * as a series break; a wave on the new version may bridge, giving half its
 * sample the old wording for that wave, assigned deterministically per response.
 */
import { Types } from "mongoose";
import { InstrumentVersion } from "../../server/instruments/model";
import { bridgeArmOf, bridgeProblem, instrumentVersionFor } from "../../server/instruments/bridge";
import {
  compareInstrumentVersions,
  getSnapshot,
  publishInstrument,
} from "../../server/instruments/service";
import { loadItemBank } from "../../server/surveys/bank";
import { compareVersions } from "../../server/surveys/compare";
import { questionsOfSnapshot, snapshotOf } from "../../server/surveys/snapshot";
import { Wave } from "../../server/waves/model";
import { startTestStore, type TestStore } from "../helpers/store";

const bank = loadItemBank();

describe.each(["core", "extended"])("edition 2 of %s", (key) => {
  const v1 = snapshotOf(bank, key);
  const v2 = snapshotOf(bank, key, 2);
  const comparison = compareVersions(v1, v2);

  it("never changes an item under its old id: every change is a new item", () => {
    const changedInPlace = comparison.breaks.filter(
      (b) => !["added", "removed", "items"].includes(b.kind) && bank.items.has(b.id),
    );
    expect(changedInPlace).toEqual([]);
    expect(comparison.continuous).toBe(false);
  });

  it("asks each replacement instead of the item it replaces, and says why", () => {
    const asked = new Set(questionsOfSnapshot(v2).map((q) => q.id));
    const askedBefore = new Set(questionsOfSnapshot(v1).map((q) => q.id));
    for (const q of questionsOfSnapshot(v2)) {
      const item = bank.items.get(q.id)?.item;
      if (!item?.replaces) continue;
      expect([q.id, asked.has(item.replaces)]).toEqual([q.id, false]);
      expect(item.change).toBeTruthy();
      if (askedBefore.has(item.replaces)) {
        expect(comparison.breaks).toEqual(
          expect.arrayContaining([
            { id: item.replaces, kind: "removed" },
            { id: q.id, kind: "added" },
          ]),
        );
      }
    }
  });

  it("asks life satisfaction first and the request item only of those who made one", () => {
    expect(questionsOfSnapshot(v2)[0]!.id).toBe("qol_life_b");
    const requests = questionsOfSnapshot(v2).find((q) => q.id === "sat_requests_b")!;
    expect(requests.visibleIf).toBe("{sat_contacted} = 1");
  });

  it("offers don't know on every influence item and counts participation", () => {
    const items = questionsOfSnapshot(v2);
    const influence = items.filter((q) => q.constructId === "influence_on_authority");
    expect(influence.length).toBeGreaterThanOrEqual(3);
    expect(influence.every((q) => q.dontKnow && !q.reverse)).toBe(true);
    for (const q of items.filter((i) => i.constructId === "involvement")) {
      expect(q.scale!.points.map((p) => p.label.en)).toEqual([
        "Never",
        "Once",
        "2-5 times",
        "6 times or more",
      ]);
    }
  });

  it("states its own duration and a later edition number", () => {
    expect(v2.edition).toBe(2);
    expect(v1.edition).toBeUndefined();
  });
});

describe("the wording fixes of the issue", () => {
  const text = (id: string) => bank.items.get(id)!.item.text;
  it.each([
    ["soc_connection_1b", "he", /קרוב\/ה/],
    ["soc_belonging_2b", "ar", /أهل هذا الحيّ/],
    ["ce_control_fight_b", "en", /call the police or for help/],
    ["ce_control_closure_b", "en", /a service it runs/],
    ["res_leader_trust_b", "en", /head of the local authority/],
    ["sat_welfare_b", "ar", /قسم الشؤون الاجتماعية/],
    ["sec_night_b", "he", /מוגן\/ת מפשיעה ומאלימות/],
    ["sec_home_b", "he", /מוגן\/ת מפשיעה ומאלימות/],
    ["vol_hours_year", "en", /past 12 months/],
  ])("%s (%s)", (id, locale, pattern) => {
    expect(text(id)[locale as "he" | "ar" | "en"]).toMatch(pattern);
  });

  it("moves the likelihood item to the likelihood scale and drops the fixed group list", () => {
    expect(bank.items.get("ce_intervene_1b")!.item.scale).toBe("likely5");
    expect(text("sol_groups_respect_b").en).not.toMatch(/Jews|secular/);
    expect(bank.items.get("res_attach_like")!.item.reverse).toBe(false);
  });

  it("uses the CBS satisfaction labels", () => {
    expect(bank.scales.satisfaction4_cbs!.points.map((p) => p.label.he)).toEqual([
      "בכלל לא מרוצה",
      "לא כל כך מרוצה",
      "מרוצה",
      "מרוצה מאוד",
    ]);
  });
});

describe("published versions and the split-ballot bridge", () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await startTestStore();
  });
  afterAll(() => t.close());

  it("publishes edition 2 as the next version, leaves version 1 as it was, shows the breaks", async () => {
    const first = await publishInstrument("core");
    const before = await InstrumentVersion.findById(first.id).lean();
    const second = await publishInstrument("core", undefined, 2);
    expect(second.version).toBe(first.version + 1);
    const after = await InstrumentVersion.findById(first.id).lean();
    expect(after!.contentHash).toBe(before!.contentHash);
    // the default stays the first edition, which existing waves were built on
    expect((await getSnapshot(first.id)).edition).toBeUndefined();

    const diff = await compareInstrumentVersions("core", first.version, second.version);
    expect(diff.breaks).toEqual(
      expect.arrayContaining([
        { id: "soc_connection_1", kind: "removed" },
        { id: "soc_connection_1b", kind: "added" },
        { id: "sense_of_community", kind: "items" },
      ]),
    );
    expect((await getSnapshot(second.id)).edition).toBe(2);
  });

  it("assigns each response to one arm, the same every time, about half to each", () => {
    const wave = new Types.ObjectId().toHexString();
    const arms = Array.from({ length: 2000 }, (_, i) => bridgeArmOf(wave, `r${i}`, 0.5));
    expect(Array.from({ length: 2000 }, (_, i) => bridgeArmOf(wave, `r${i}`, 0.5))).toEqual(arms);
    const bridged = arms.filter((a) => a === "bridge").length;
    expect(bridged).toBeGreaterThan(900);
    expect(bridged).toBeLessThan(1100);
    expect(bridgeArmOf(wave, "r1", 0)).toBe("main");
    expect(bridgeArmOf(wave, "r1", 1)).toBe("bridge");
  });

  it("stores a wave's bridge and gives the bridge arm the earlier version", async () => {
    const first = await publishInstrument("extended");
    const second = await publishInstrument("extended", undefined, 2);
    const bridge = { instrumentVersionId: first.id, share: 0.5 };
    expect(await bridgeProblem(second.id, bridge)).toBeNull();
    expect(await bridgeProblem(first.id, { instrumentVersionId: second.id, share: 0.5 })).toBe(
      "notEarlier",
    );
    expect(await bridgeProblem(second.id, { ...bridge, share: 1 })).toBe("share");
    const core = await publishInstrument("core");
    expect(await bridgeProblem(second.id, { instrumentVersionId: core.id, share: 0.5 })).toBe(
      "otherInstrument",
    );

    const wave = await Wave.create({
      authorityId: new Types.ObjectId(),
      instrumentVersionId: second.id,
      name: { he: "גל 2", ar: "الموجة 2", en: "Wave 2" },
      kind: "follow-up",
      opensAt: new Date(),
      bridge,
    });
    const stored = (await Wave.findById(wave._id).lean())!;
    expect(stored.bridge).toMatchObject({ share: 0.5 });
    const picks = Array.from({ length: 200 }, (_, i) => instrumentVersionFor(stored, `resp-${i}`));
    expect(new Set(picks.map((p) => p.instrumentVersionId.toHexString()))).toEqual(
      new Set([first.id.toHexString(), second.id.toHexString()]),
    );
    for (const p of picks) {
      expect(p.instrumentVersionId.toHexString()).toBe(
        (p.arm === "bridge" ? first.id : second.id).toHexString(),
      );
    }
    const plain = { ...stored, bridge: undefined };
    expect(instrumentVersionFor(plain, "resp-1")).toEqual({
      instrumentVersionId: second.id,
      arm: "main",
    });
  });
});
