import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { LOCALES } from "../../server/shared/locales";
import { loadInstrumentDraft, loadItemBank } from "../../server/surveys/bank";

const SURVEYS = path.join(__dirname, "../../surveys");

/** A copy of the real bank in a temp dir, with one file changed by `edit`. */
function brokenBank(file: string, edit: (json: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), "bank-"));
  cpSync(SURVEYS, dir, { recursive: true });
  const target = path.join(dir, file);
  const json = JSON.parse(readFileSync(target, "utf8"));
  edit(json);
  writeFileSync(target, JSON.stringify(json));
  return dir;
}

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
const loadBroken = (file: string, edit: (json: Record<string, unknown>) => void) => {
  const dir = brokenBank(file, edit);
  temps.push(dir);
  return () => loadItemBank(dir);
};

/** Every string in a JSON value, with its path. */
function strings(value: unknown, at = ""): Array<[string, string]> {
  if (typeof value === "string") return [[at, value]];
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => strings(v, at ? `${at}.${k}` : k));
  }
  return [];
}

describe("the item bank", () => {
  const bank = loadItemBank(SURVEYS);

  it("covers every construct of the product brief with at least 45 items", () => {
    expect(bank.constructs.length).toBeGreaterThanOrEqual(10);
    expect(bank.items.size).toBeGreaterThanOrEqual(45);
    expect(bank.constructs.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        "sense_of_community",
        "involvement",
        "volunteering",
        "collective_efficacy",
        "solidarity_trust",
        "community_resilience",
        "personal_social_security",
        "satisfaction_with_authority",
        "trust_in_authority",
        "influence_on_authority",
        "place_satisfaction",
      ]),
    );
    for (const c of bank.constructs) {
      // items a later edition replaced stay for the versions that asked them
      const replaced = new Set(c.items.map((i) => i.replaces));
      const scored = c.items.filter((i) => i.scored && !replaced.has(i.id)).length;
      if (c.kind === "scale") expect([c.id, scored >= 3 && scored <= 8]).toEqual([c.id, true]);
      else expect([c.id, scored]).toEqual([c.id, 1]);
    }
    expect([...bank.instruments.keys()].sort()).toEqual([
      "core",
      "extended",
      "professionals",
      "youth",
    ]);
    expect(bank.modules.get("demographics")!.questions.map((q) => q.id)).toEqual(
      expect.arrayContaining([
        "dem_age_band",
        "dem_sex",
        "dem_neighbourhood",
        "dem_population_group",
      ]),
    );
  });

  it("gives every item a subscale and the published construct it follows", () => {
    for (const { item } of bank.items.values()) {
      expect(item.subscale).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(item.source.length).toBeGreaterThan(10);
    }
  });

  it("has every text, label and title non-empty in every locale", () => {
    const texts = [
      bank.texts,
      bank.dontKnow,
      bank.preferNot,
      bank.scales,
      [...bank.modules.values()],
      bank.constructs.map((c) => ({
        name: c.name,
        description: c.description,
        items: c.items.map((i) => i.text),
      })),
      [...bank.instruments.values()].map((d) => ({
        title: d.title,
        pages: d.pages.map((p) => [p.title, p.description, p.items]),
      })),
    ];
    const localized = strings(texts).filter(([at]) => /\.(he|ar|en)$/.test(at));
    expect(localized.length).toBeGreaterThan(100);
    for (const [at, text] of localized)
      expect({ at, blank: text.trim() === "" }).toEqual({ at, blank: false });
    // Every localized object has all three locales, not just some.
    const objects = new Set(localized.map(([at]) => at.replace(/\.(he|ar|en)$/, "")));
    expect(localized).toHaveLength(objects.size * LOCALES.length);
  });

  it("has unique, dot-free item ids", () => {
    const ids = [
      ...bank.constructs.flatMap((c) => c.items.map((i) => i.id)),
      ...[...bank.modules.values()].flatMap((m) => m.questions.map((q) => q.id)),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it("words at least one collective-efficacy item negatively and reverses it", () => {
    const ce = bank.constructs.find((c) => c.id === "collective_efficacy")!;
    expect(ce.items.some((i) => i.reverse)).toBe(true);
  });

  it("offers don't know on every satisfaction item", () => {
    const sat = bank.constructs.find((c) => c.id === "satisfaction_with_authority")!;
    // sat_contacted is the unscored filter of the request item, a plain yes/no
    for (const item of sat.items.filter((i) => i.scored)) {
      expect(item).toMatchObject({
        scale: expect.stringMatching(/^satisfaction4/),
        dontKnow: true,
      });
    }
  });

  it("refuses an unknown instrument key", () => {
    expect(() => loadInstrumentDraft(bank, "nope")).toThrow(/unknown instrument "nope"/);
  });
});

describe("a broken item bank", () => {
  it("names the file and path of a missing Arabic text", () => {
    const load = loadBroken("constructs/collective-efficacy.json", (j) => {
      delete (j.items as Array<{ text: Record<string, string> }>)[1]!.text.ar;
    });
    expect(load).toThrow(/constructs\/collective-efficacy\.json at items\.1\.text\.ar/);
  });

  it("names a blank Hebrew text", () => {
    const load = loadBroken("texts.json", (j) => {
      (j.consent as Record<string, string>).he = "   ";
    });
    expect(load).toThrow(/texts\.json at consent\.he: must not be empty/);
  });

  it("names an unknown scale", () => {
    const load = loadBroken("constructs/sense-of-community.json", (j) => {
      (j.items as Array<{ scale: string }>)[2]!.scale = "agree7";
    });
    expect(load).toThrow(
      /constructs\/sense-of-community\.json at items\.2\.scale: unknown scale "agree7"/,
    );
  });

  it("names a duplicated item id", () => {
    const load = loadBroken("constructs/sense-of-community.json", (j) => {
      (j.items as Array<{ id: string }>)[0]!.id = "ce_trust_1";
    });
    expect(load).toThrow(
      /item "ce_trust_1" is also defined in constructs\/collective-efficacy\.json/,
    );
  });

  it("refuses an item id with a dot", () => {
    const load = loadBroken("constructs/sense-of-community.json", (j) => {
      (j.items as Array<{ id: string }>)[0]!.id = "soc.needs";
    });
    expect(load).toThrow(/items\.0\.id: must be lowercase/);
  });

  it("names an instrument item the bank lacks", () => {
    const load = loadBroken("instruments/core.json", (j) => {
      (j.pages as Array<{ items: string[] }>)[1]!.items.push("ce_missing_1");
    });
    expect(load).toThrow(
      /instruments\/core\.json at pages\.1\.items\.7: unknown item "ce_missing_1"/,
    );
  });

  it("names an item asked twice", () => {
    const load = loadBroken("instruments/core.json", (j) => {
      (j.pages as Array<{ items: string[] }>)[1]!.items.push("soc_needs_1");
    });
    expect(load).toThrow(/pages\.1\.items\.7: item "soc_needs_1" asked twice/);
  });

  it("names a condition on a question the instrument does not ask", () => {
    const load = loadBroken("instruments/core.json", (j) => {
      (j.pages as Array<{ items: unknown[] }>)[0]!.items.push({
        item: "soc_needs_2",
        visibleIf: "{qol_life} > 5",
      });
    });
    expect(load).toThrow(/pages\.0\.items\.5\.visibleIf: condition names "qol_life"/);
  });

  it("names an unknown module", () => {
    const load = loadBroken("instruments/core.json", (j) => {
      (j.pages as Array<{ items: unknown[] }>)[0]!.items.push({ module: "income" });
    });
    expect(load).toThrow(/pages\.0\.items\.5: unknown module "income"/);
  });

  it("refuses a custom question that reuses a bank id", () => {
    const load = loadBroken("instruments/core.json", (j) => {
      (j.pages as Array<{ items: unknown[] }>)[0]!.items.push({
        custom: {
          id: "dem_sex",
          control: "text",
          maxLength: 10,
          text: { he: "א", ar: "ب", en: "c" },
        },
      });
    });
    expect(load).toThrow(/"dem_sex" is a bank question/);
  });

  it("refuses scored items of one construct on different ranges", () => {
    const load = loadBroken("constructs/sense-of-community.json", (j) => {
      // items.1 is asked now; a replaced item (soc_belonging_2) may keep its old scale
      (j.items as Array<{ scale: string }>)[1]!.scale = "satisfaction4";
    });
    expect(load).toThrow(/items\.1\.scale: all scored items of a construct must share one range/);
  });

  it("refuses a text question without a length limit", () => {
    const load = loadBroken("modules/demographics.json", (j) => {
      delete (j.questions as Array<{ maxLength?: number }>)[2]!.maxLength;
    });
    expect(load).toThrow(/modules\/demographics\.json at questions\.2: a choice question/);
  });
});
