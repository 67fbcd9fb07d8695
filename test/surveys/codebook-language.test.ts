/**
 * Issue 20: the codebook's own words (headings, what each field is, a display
 * condition said in words) follow the codebook's language, he, ar or en, from
 * locales/<lang>/codebook.json; the variable names, codes and the expression stay
 * as they are in every language.
 */
import { loadItemBank } from "../../server/surveys/bank";
import { codebookCsv, codebookMarkdown } from "../../server/surveys/codebook";
import { snapshotOf } from "../../server/surveys/snapshot";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { authorityWithTwoWaves } from "../results/factory";

const extended = snapshotOf(loadItemBank(), "extended", 1);
const never = (locale: "he" | "ar" | "en") =>
  extended.pages
    .flatMap((p) => p.items)
    .find((i) => i.id === "vol_frequency")!
    .scale!.points.find((p) => p.value === 1)!.label[locale];

/** The lines of one variable's section, up to its table. */
function section(md: string, variable: string): string {
  const from = md.slice(md.indexOf(`### ${variable}\n`));
  return from.slice(0, from.indexOf("\n|"));
}

describe("the Markdown codebook", () => {
  it("says a condition in Hebrew, with the answer's Hebrew label", () => {
    const md = codebookMarkdown(extended, 1, "he");
    expect(md).toMatch(/^# ספר קוד: /);
    expect(md).toContain("## משתנים");
    expect(section(md, "vol_hours")).toContain(
      `מוצגת אם \`{vol_frequency} > 1\` (vol_frequency גבוה מ־„${never("he")}“ (1))`,
    );
    expect(md).not.toMatch(/shown if|; kind: |\| wording \|/);
  });

  it("says a condition in Arabic, with the answer's Arabic label", () => {
    const md = codebookMarkdown(extended, 1, "ar");
    expect(md).toMatch(/^# دليل الترميز: /);
    expect(section(md, "vol_hours")).toContain(
      `يُعرض إذا \`{vol_frequency} > 1\` (vol_frequency أكبر من «${never("ar")}» (1))`,
    );
    expect(md).not.toMatch(/shown if|; kind: |\| wording \|/);
  });

  it("keeps English as it was when no language is asked", () => {
    expect(section(codebookMarkdown(extended), "vol_hours")).toContain(
      `shown if \`{vol_frequency} > 1\` (vol_frequency is above “${never("en")}” (1))`,
    );
  });
});

describe("the CSV codebook", () => {
  it("adds the condition in the codebook's words as its last column", () => {
    const lines = codebookCsv(extended, "ar").slice(1).split("\r\n");
    expect(lines[0]!.endsWith(",replaces,change,visible_if_words")).toBe(true);
    const row = lines.find((l) => l.startsWith("vol_hours,"))!;
    expect(row.endsWith(`,vol_frequency أكبر من «${never("ar")}» (1)`)).toBe(true);
    const en = codebookCsv(extended)
      .split("\r\n")
      .find((l) => l.startsWith("vol_hours,"))!;
    expect(en).toContain(`vol_frequency is above “${never("en")}” (1)`);
  });
});

describe("GET /api/exports/codebook", () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await startTestStore();
  });
  afterAll(() => t.close());

  it("follows lang=he, and English without it", async () => {
    const app = testApp(t);
    const researcher = await signInAs(app, "researcher");
    const { authority } = await authorityWithTwoWaves({
      he: "מדידת בסיס",
      ar: "القياس الأساسي",
      en: "Baseline",
    });
    const get = (q: string) =>
      researcher.agent
        .get(`/api/exports/codebook?authority=${authority.slug}&${q}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => done(null, Buffer.concat(chunks).toString("utf8")));
        })
        .expect(200);
    const he = (await get("format=md&lang=he")).body as string;
    expect(he).toMatch(/^# ספר קוד: /);
    const en = (await get("format=md")).body as string;
    expect(en).toMatch(/^# Codebook: /);
    await researcher.agent
      .get(`/api/exports/codebook?authority=${authority.slug}&format=md&lang=xx`)
      .expect(400);
  });
});
