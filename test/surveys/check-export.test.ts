import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Model } from "survey-core";
import { loadItemBank } from "../../server/surveys/bank";
import { checkBank } from "../../server/surveys/check";
import { exportBank } from "../../server/surveys/export";
import { snapshotOf } from "../../server/surveys/snapshot";
import { builtScript, nodeArgsFor } from "../helpers/built-server";

const SURVEYS = path.join(__dirname, "../../surveys");
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the real bank in a temp dir, with one JSON file changed by `edit`. */
function bankWith(file: string, edit: (json: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), "bank-"));
  temps.push(dir);
  cpSync(SURVEYS, dir, { recursive: true });
  const target = path.join(dir, file);
  const json = JSON.parse(readFileSync(target, "utf8"));
  edit(json);
  writeFileSync(target, JSON.stringify(json));
  return dir;
}
type Items = Array<Record<string, unknown>>;

describe("surveys:check", () => {
  it("passes the bank as committed and summarises it", () => {
    const { problems, summary } = checkBank(SURVEYS);
    expect(problems).toEqual([]);
    expect(summary.constructs).toBeGreaterThanOrEqual(10);
    expect(summary.items).toBeGreaterThanOrEqual(45);
    expect(summary.instruments.map((i) => `${i.key}.${i.edition}`)).toEqual([
      "core.1",
      "core.2",
      "extended.1",
      "extended.2",
      "professionals.1",
      "youth.1",
    ]);
  });

  it.each<[string, string, (j: Record<string, unknown>) => void, RegExp]>([
    [
      "a scale of one item",
      "constructs/place-satisfaction.json",
      (j) => (j.kind = "scale"),
      /place-satisfaction\.json: a scale needs 3 to 8 scored items, it has 1/,
    ],
    [
      "a construct worded only negatively",
      "constructs/involvement.json",
      (j) => (j.items as Items).forEach((i) => (i.reverse = true)),
      /every scored item is reversed/,
    ],
    [
      "two points with one label",
      "scales.json",
      (j) => {
        const agree = (j.scales as Record<string, { points: Items }>).agree5!;
        (agree.points[1]!.label as Record<string, string>).ar = "لا أوافق إطلاقًا";
      },
      /scales\.agree5: two points share a label in ar/,
    ],
    [
      "a descending scale",
      "scales.json",
      (j) => ((j.scales as Record<string, Record<string, unknown>>).extent4!.favourableFrom = 1),
      /scales\.extent4: favourableFrom 1 must lie above the lowest point/,
    ],
    [
      "gaps between scale values",
      "scales.json",
      (j) => {
        const points = (j.scales as Record<string, { points: Items }>).frequency5!.points;
        points[4]!.value = 7;
      },
      /scales\.frequency5: values must be consecutive integers/,
    ],
    [
      "a number range with an en dash in Arabic",
      "modules/demographics.json",
      (j) => {
        const choices = (j.questions as Array<{ choices: Items }>)[0]!.choices;
        (choices[0]!.label as Record<string, string>).ar = "18–24";
      },
      /module demographics\.questions\.0\.choices\.0\.label\.ar: "18–24" has a number range/,
    ],
    [
      "a missing Hebrew text",
      "modules/demographics.json",
      (j) => delete ((j.questions as Items)[0]!.text as Record<string, string>).he,
      /modules\/demographics\.json at questions\.0\.text\.he/,
    ],
  ])("reports %s", (_, file, edit, message) => {
    const { problems } = checkBank(bankWith(file, edit));
    expect(problems.join("\n")).toMatch(message);
  });

  it("prints a readable report and exits 1 on a problem", () => {
    const dir = bankWith("constructs/place-satisfaction.json", (j) => (j.kind = "scale"));
    const run = (surveys: string) => {
      try {
        const out = execFileSync(
          process.execPath,
          [...nodeArgsFor(builtScript("scripts/surveys-check.ts")), "--surveys", surveys],
          { encoding: "utf8" },
        );
        return { status: 0, out };
      } catch (err) {
        const e = err as { status: number; stdout: string };
        return { status: e.status, out: e.stdout };
      }
    };
    const bad = run(dir);
    expect(bad.status).toBe(1);
    expect(bad.out).toMatch(
      /1 problem:\n {2}- constructs\/place-satisfaction\.json: a scale needs/,
    );
    const good = run(SURVEYS);
    expect(good).toMatchObject({ status: 0, out: expect.stringMatching(/OK: no problems found/) });
  }, 60_000);
});

describe("licensed item sets", () => {
  it("load from surveys/licensed/<set>/ and may be asked by their own instruments", () => {
    const dir = bankWith("scales.json", () => {});
    const set = path.join(dir, "licensed", "demo_licence");
    mkdirSync(path.join(set, "constructs"), { recursive: true });
    mkdirSync(path.join(set, "instruments"), { recursive: true });
    const L = (en: string) => ({ he: `ט ${en}`, ar: `ت ${en}`, en });
    const item = (id: string) => ({
      id,
      subscale: "leadership",
      text: L(`Licensed wording ${id}`),
      scale: "agree5",
      reverse: false,
      dontKnow: false,
      source: "A licensed instrument, item 1",
    });
    writeFileSync(
      path.join(set, "constructs", "lic.json"),
      JSON.stringify({
        id: "lic_resilience",
        kind: "scale",
        name: L("Licensed resilience"),
        description: L("Used under licence"),
        source: "A licensed instrument (2013)",
        items: [item("lic_a"), item("lic_b"), item("lic_c")],
      }),
    );
    writeFileSync(
      path.join(set, "instruments", "licensed_pilot.json"),
      JSON.stringify({
        key: "licensed_pilot",
        title: L("Pilot"),
        pages: [{ id: "p", title: L("Page"), items: ["lic_a", "lic_b", "lic_c", "soc_needs_1"] }],
      }),
    );
    const bank = loadItemBank(dir);
    expect(bank.licensedSets).toEqual(["demo_licence"]);
    expect(bank.files.get("construct:lic_resilience")).toBe(
      "licensed/demo_licence/constructs/lic.json",
    );
    const snapshot = snapshotOf(bank, "licensed_pilot");
    expect(snapshot.constructs.map((c) => c.id)).toEqual(["lic_resilience", "sense_of_community"]);
    expect(checkBank(dir).summary.licensedSets).toEqual(["demo_licence"]);
    // The core instrument is untouched by the licensed set.
    expect(snapshotOf(bank, "core").contentHash).toBe(
      snapshotOf(loadItemBank(), "core").contentHash,
    );
  });

  it("keeps licensed wording out of git except the README", () => {
    const ignored = (file: string) => {
      try {
        execFileSync("git", ["check-ignore", "-q", file], { cwd: path.join(__dirname, "../..") });
        return true;
      } catch {
        return false;
      }
    };
    expect(ignored("surveys/licensed/ccram/constructs/ccram.json")).toBe(true);
    expect(ignored("surveys/licensed/README.md")).toBe(false);
  });
});

describe("surveys:export", () => {
  const out = mkdtempSync(path.join(tmpdir(), "export-"));
  temps.push(out);
  const files = exportBank(out, SURVEYS);

  it("writes each instrument's survey per locale (ru too), a multi-locale survey and a codebook", () => {
    for (const key of ["core", "extended"]) {
      expect(files).toEqual(
        expect.arrayContaining(
          [
            "survey.he.json",
            "survey.ar.json",
            "survey.en.json",
            "survey.ru.json",
            "survey.multi.json",
            "codebook.csv",
            "codebook.md",
          ].map((f) => `${key}/${f}`),
        ),
      );
    }
    const multi = new Model(
      JSON.parse(readFileSync(path.join(out, "core/survey.multi.json"), "utf8")),
    );
    multi.locale = "ar";
    expect(multi.getQuestionByName("soc_needs_1")!.title).toBe(
      "السكن في حيّي يلبّي احتياجاتي اليومية.",
    );
    multi.locale = "ru";
    expect(multi.getQuestionByName("soc_needs_1")!.title).toMatch(/[\u0400-\u04FF]/);
    const ru = new Model(JSON.parse(readFileSync(path.join(out, "core/survey.ru.json"), "utf8")));
    expect(ru.getQuestionByName("soc_needs_1")!.title).toBe(
      multi.getQuestionByName("soc_needs_1")!.title,
    );
  });

  it("writes the CSV codebook as UTF-8 with a BOM, one row per variable", () => {
    const csv = readFileSync(path.join(out, "core/codebook.csv"), "utf8");
    expect(csv.startsWith("\uFEFFvariable,page,kind,construct,subscale")).toBe(true);
    const lines = csv.trimEnd().split("\r\n");
    const snapshot = snapshotOf(loadItemBank(), "core");
    expect(lines).toHaveLength(2 + snapshot.pages.reduce((n, p) => n + p.items.length, 0));
    const conflict = lines.find((l) => l.startsWith("ce_conflict_1,"))!;
    expect(conflict).toContain("אנשים בשכונה שלי לא מסתדרים זה עם זה.");
    expect(conflict).toContain("1 = Strongly disagree; 2 = Disagree");
    expect(conflict).toMatch(/,yes,yes,,,/); // reversed, scored
  });

  it("writes a Markdown codebook with wording in three languages", () => {
    const md = readFileSync(path.join(out, "core/codebook.md"), "utf8");
    expect(md).toContain("### dem_age_band");
    expect(md).toContain("dk = מעדיף/ה לא לענות");
    expect(md).toMatch(/### vol_hours\n\n- page: participation.*shown if `\{vol_frequency\} > 1`/);
  });
});
