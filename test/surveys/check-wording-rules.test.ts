import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadItemBank } from "../../server/surveys/bank";
import { checkBank } from "../../server/surveys/check";
import { estimateDuration } from "../../server/surveys/duration";
import { masculineOnlyIn } from "../../server/surveys/inclusive-language";
import { snapshotOf } from "../../server/surveys/snapshot";

/**
 * surveys:check rules of issue 19 item 5: inclusive forms, one set of labels per
 * scale, "don't know" consistent within a construct, every question's source,
 * and each instrument's own duration in its intro.
 */

const SURVEYS = path.join(__dirname, "../../surveys");
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

type Json = Record<string, unknown>;
type Items = Json[];
type Texts = Record<string, string>;

/** A copy of the real bank with some files changed by `edit`. */
function bankWith(edits: Record<string, (json: Json, dir: string) => void>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "bank-rules-"));
  temps.push(dir);
  cpSync(SURVEYS, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const target = path.join(dir, file);
    const json = JSON.parse(readFileSync(target, "utf8")) as Json;
    edit(json, dir);
    writeFileSync(target, JSON.stringify(json));
  }
  return dir;
}
const question = (j: Json, id: string) => (j.questions as Items).find((q) => q.id === id)!;
const item = (j: Json, id: string) => (j.items as Items).find((q) => q.id === id)!;
const problemsOf = (dir: string) => checkBank(dir).problems.join("\n");

describe("masculine-only forms", () => {
  it.each([
    ["he", "כמה שנים אתה גר ביישוב?"],
    ["he", "אני מסכים להשתתף."],
    ["he", "עד כמה את/ה מרגיש בטוח?"],
    ["ar", "منذ كم سنة تسكن في البلدة؟"],
    ["ar", "إلى أي فئة سكانية تنتمي؟"],
    ["ar", "هل تشعر بالأمان؟"],
    ["ru", "Я согласен участвовать."],
    ["ru", "Я участвовал в опросе."],
    ["en", "Would a neighbour check on him?"],
  ])("finds one in %s: %s", (locale, text) => {
    expect(masculineOnlyIn(text, locale)).not.toBeNull();
  });

  it.each([
    ["he", "כמה שנים את/ה גר/ה ביישוב?"],
    ["he", "אני מסכים/ה להשתתף."],
    ["he", "היישוב שלי יודע לחזור לתפקוד מהר."],
    ["ar", "ما هي فئتك العمرية؟"],
    ["ar", "بعد الأزمات، تستطيع بلدتي أن تستعيد عافيتها بسرعة."],
    ["ar", "تأخذ السلطة المحلية آراء السكان بعين الاعتبار."],
    ["ar", "منذ كم سنة تسكن/ين في البلدة؟"],
    ["ru", "Я согласен/согласна участвовать."],
    ["ru", "Вы довольны своей жизнью?"],
    ["en", "How likely is it that a neighbour would check on them?"],
  ])("accepts the inclusive form in %s: %s", (locale, text) => {
    expect(masculineOnlyIn(text, locale)).toBeNull();
  });

  it("are reported by surveys:check with the file, path and the form to use", () => {
    const dir = bankWith({
      "modules/demographics.json": (j) => {
        (question(j, "dem_years_residence").text as Texts).ar = "منذ كم سنة تسكن في البلدة؟";
      },
    });
    expect(problemsOf(dir)).toMatch(
      /modules\/demographics\.json\.questions\.3\.text\.ar: "كم سنة تسكن" is a masculine-only form/,
    );
  });
});

describe("one set of labels per scale", () => {
  it("reports own choices that read differently in two instruments", () => {
    const dir = bankWith({
      "instruments/extended.json": (j, dir) => {
        const pages = j.pages as Array<{ items: unknown[] }>;
        const own = pages
          .flatMap((p) => p.items)
          .find(
            (e) =>
              typeof e === "object" &&
              (e as Json).custom &&
              ((e as Json).custom as Json).id === "priority_area",
          ) as { custom: Json };
        // the same question asked in core with another label for one choice
        const copy = structuredClone(own.custom) as { choices: Array<{ label: Texts }> };
        copy.choices[1]!.label.he = "ניקיון";
        const core = JSON.parse(readFileSync(path.join(SURVEYS, "instruments/core.json"), "utf8"));
        core.pages[0].items.push({ custom: copy });
        writeFileSync(path.join(dir, "instruments/core.json"), JSON.stringify(core));
      },
    });
    expect(problemsOf(dir)).toMatch(
      /scale priority_area: its labels in instrument extended \(priority_area\) differ from instrument core/,
    );
  });
});

describe("don't know within a construct", () => {
  it("reports a construct whose items differ in offering it", () => {
    const dir = bankWith({
      "constructs/trust-in-authority.json": (j) => {
        item(j, "tra_promises").dontKnow = false;
      },
    });
    expect(problemsOf(dir)).toMatch(
      /instrument extended: construct trust_in_authority offers "don't know" on tra_interest, tra_fair, tra_few but not on tra_promises/,
    );
  });
});

describe("sources", () => {
  it("reports a module or custom question that does not state its source", () => {
    const dir = bankWith({
      "modules/demographics.json": (j) => {
        delete question(j, "dem_sex").source;
      },
    });
    expect(problemsOf(dir)).toMatch(/demographic question dem_sex does not state its source/);
  });

  it("holds for every question the committed instruments ask", () => {
    const bank = loadItemBank(SURVEYS);
    for (const key of bank.instruments.keys()) {
      const missing = snapshotOf(bank, key)
        .pages.flatMap((p) => p.items)
        .filter((i) => !i.source)
        .map((i) => i.id);
      expect([key, missing]).toEqual([key, []]);
    }
  });
});

describe("duration", () => {
  it("is estimated per instrument from its questions, longer for the longer one", () => {
    const bank = loadItemBank(SURVEYS);
    const core = estimateDuration(snapshotOf(bank, "core"));
    const extended = estimateDuration(snapshotOf(bank, "extended"));
    expect(core.minutes).toBeGreaterThanOrEqual(3);
    expect(extended.minutes).toBeGreaterThan(core.minutes);
    const summary = checkBank(SURVEYS).summary.instruments;
    expect(summary.find((i) => i.key === "core")).toMatchObject({ minutes: core.minutes });
    expect(summary.find((i) => i.key === "extended")).toMatchObject({
      minutes: extended.minutes,
    });
  });

  it("is what each instrument's intro states, in every language", () => {
    const bank = loadItemBank(SURVEYS);
    for (const key of bank.instruments.keys()) {
      const snapshot = snapshotOf(bank, key);
      const { minutes } = estimateDuration(snapshot);
      for (const text of Object.values(snapshot.texts.intro)) {
        expect([key, text]).toEqual([key, expect.stringContaining(String(minutes))]);
        expect(text).not.toContain("{minutes}");
      }
    }
  });

  it("reports an intro that states one fixed time for every instrument", () => {
    const dir = bankWith({
      "texts.json": (j) => {
        (j.intro as Texts).he = "מילוי השאלון נמשך כחמש דקות.";
      },
    });
    expect(problemsOf(dir)).toMatch(/texts\.json at intro\.he: state the time as \{minutes\}/);
  });
});

describe("the committed bank", () => {
  it("passes every wording rule", () => {
    expect(checkBank(SURVEYS).problems).toEqual([]);
  });
});

describe("one range per construct within an instrument", () => {
  it("reports an item of a construct on another range", () => {
    const dir = bankWith({
      "instruments/core.v2.json": (j) => {
        // involvement is counted on 1-4 in edition 2; its 1-5 item does not belong beside it
        (j.pages as Array<{ items: unknown[] }>)[2]!.items.push("inv_events");
      },
    });
    expect(problemsOf(dir)).toMatch(
      /instrument core\.v2: inv_events is not on the range of construct involvement \(1-4\)/,
    );
  });
});

describe("Russian", () => {
  it("is reported where a resident text lacks it", () => {
    const dir = bankWith({
      "constructs/sense-of-community.json": (j) => {
        delete (item(j, "soc_needs_1").text as Texts).ru;
      },
      "scales.json": (j) => {
        delete (j.dontKnow as Texts).ru;
      },
    });
    const problems = problemsOf(dir);
    expect(problems).toMatch(
      /constructs\/sense-of-community\.json\.items\.0\.text: no Russian \(ru\) text/,
    );
    expect(problems).toMatch(/scales\.json\.dontKnow: no Russian \(ru\) text/);
  });

  it("is in every text of the committed bank, and survives publishing", () => {
    const bank = loadItemBank(SURVEYS);
    const snapshot = snapshotOf(bank, "core", 2);
    const first = snapshot.pages[0]!.items[0]!;
    expect(first.text.ru).toMatch(/[А-Яа-яЁё]/);
    expect(first.scale!.points[0]!.label.ru).toBeTruthy();
    expect(snapshot.texts.intro.ru).toMatch(/\d/);
  });
});
