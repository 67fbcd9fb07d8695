/**
 * Issue 19, TRAPD translation sheets: a draft's strings in one language export
 * as XLSX (string id, Hebrew source, current text, stage, every stage's fields),
 * and a filled sheet comes back as a step on each string's current stage. A file
 * that is not a sheet, or rows that name no string, are 400
 * TRANSLATION_SHEET_INVALID; a row whose stage moved on since is 409 and nothing
 * is written.
 */
import { PassThrough } from "node:stream";
import type { Express } from "express";
import { readXlsxRows } from "../../server/distribution/contacts/xlsx-reader";
import { writeXlsx } from "../../server/exports/xlsx-writer";
import { SHEET_COLUMNS } from "../../server/bank/trapd-sheet";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { newKey } from "../workspace/factories";

let t: TestStore;
let app: Express;
let r: SignedIn;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  r = await signInAs(app, "researcher");
}, 60_000);
afterAll(() => t.close());

const title = { he: "שאלון", ar: "استبيان", en: "Survey" };
const post = (url: string, body: object) =>
  r.agent.post(url).set("X-CSRF-Token", r.csrf).send(body);

async function newDraft() {
  const key = newKey();
  const res = await post("/api/bank/drafts", { key, title, from: { kind: "bank", key: "core" } });
  expect(res.status).toBe(201);
  return res.body as { key: string; revision: number };
}

/** The sheet as downloaded, as rows of cells by column name. */
async function download(key: string, locale: string) {
  const res = await r.agent
    .get(`/api/bank/drafts/${key}/trapd/sheets/${locale}`)
    .buffer(true)
    .parse((stream, done) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  expect(res.headers["content-type"]).toContain("spreadsheetml");
  const [header, ...rows] = readXlsxRows(res.body as Buffer);
  return rows.map((row) =>
    Object.fromEntries(header!.cells.map((h, i) => [h, row.cells[i] ?? ""])),
  );
}

/** An XLSX file of the given rows, written by the platform's own writer. */
async function xlsx(columns: readonly string[], rows: string[][]): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  async function* gen() {
    yield* rows;
  }
  await writeXlsx(out, [
    { name: "sheet", columns: columns.map((name) => ({ name })), rows: gen() },
  ]);
  out.end();
  return Buffer.concat(chunks).toString("base64");
}

const upload = (key: string, locale: string, body: object) =>
  post(`/api/bank/drafts/${key}/trapd/sheets/${locale}`, body);

it("exports a sheet per language and takes the filled sheet back as the translate stage", async () => {
  const draft = await newDraft();
  const rows = await download(draft.key, "ar");
  const intro = rows.find((x) => x.string === "texts.intro")!;
  expect(intro).toMatchObject({ kind: "text", stage: "translate", translationA: "" });
  expect(intro.source_he).toMatch(/[\u0590-\u05FF]/);
  expect(intro.current).toMatch(/[\u0600-\u06FF]/);
  expect(rows.find((x) => x.string === "items.qol_place.text")?.kind).toBe("item");
  // The Russian sheet holds the draft's resident texts too, not its workspace title.
  const russian = await download(draft.key, "ru");
  expect(russian.find((x) => x.string === "texts.intro")?.current).toMatch(/[\u0400-\u04FF]/);
  expect(russian.some((x) => x.string === "title")).toBe(false);

  // The translator fills both translations of the intro and leaves the rest.
  const filled = rows.map((x) =>
    x.string === "texts.intro" ? { ...x, translationA: "مقدمة أ", translationB: "مقدمة ب" } : x,
  );
  const content = await xlsx(
    SHEET_COLUMNS,
    filled.map((x) => SHEET_COLUMNS.map((c) => x[c] ?? "")),
  );
  const res = await upload(draft.key, "ar", { content, advance: true }).expect(200);
  expect(res.body).toEqual({ saved: 0, advanced: 1, unchanged: rows.length - 1 });

  const again = await download(draft.key, "ar");
  expect(again.find((x) => x.string === "texts.intro")).toMatchObject({
    stage: "review",
    translationA: "مقدمة أ",
    translationB: "مقدمة ب",
  });
  const view = await r.agent.get(`/api/bank/drafts/${draft.key}/trapd`).expect(200);
  const unit = view.body.units.find((u: { path: string }) => u.path === "texts.intro");
  expect(unit.entries[0]).toMatchObject({ locale: "ar", stage: "review" });
  expect(unit.entries[1]).toMatchObject({ locale: "en", stage: "translate" });

  // The same sheet again: the intro is at review now, so nothing is written.
  const stale = await upload(draft.key, "ar", { content, advance: true }).expect(409);
  expect(stale.body.error.details).toEqual([
    { path: expect.stringMatching(/^rows\.\d+\.stage$/), code: "stale" },
  ]);
});

it("takes a Russian sheet back for a draft's own text, through to its final in the draft", async () => {
  const draft = await newDraft();
  for (const [stage, fields] of [
    ["translate", { translationA: "Вступление А", translationB: "Вступление Б" }],
    ["review", { reviewNote: "А точнее" }],
    ["adjudicate", { final: "Вступление А" }],
  ] as const) {
    const rows = await download(draft.key, "ru");
    const filled = rows.map((x) => (x.string === "texts.consent" ? { ...x, ...fields } : x));
    expect(filled.find((x) => x.string === "texts.consent")?.stage).toBe(stage);
    const content = await xlsx(
      SHEET_COLUMNS,
      filled.map((x) => SHEET_COLUMNS.map((c) => x[c] ?? "")),
    );
    const res = await upload(draft.key, "ru", { content, advance: true }).expect(200);
    expect(res.body.advanced).toBe(1);
  }
  const read = await r.agent.get(`/api/bank/drafts/${draft.key}`).expect(200);
  expect(read.body.texts.consent.ru).toBe("Вступление А");
});

it("refuses a file that is not a sheet, missing columns, bad rows and unknown strings", async () => {
  const draft = await newDraft();
  const notXlsx = Buffer.from("string,stage\ntexts.intro,translate\n").toString("base64");
  const a = await upload(draft.key, "ar", { content: notXlsx }).expect(400);
  expect(a.body.error.code).toBe("TRANSLATION_SHEET_INVALID");
  expect(a.body.error.details).toEqual([{ path: "body.content", code: "not-xlsx" }]);

  const noColumns = await xlsx(["string", "stage"], [["texts.intro", "translate"]]);
  const b = await upload(draft.key, "ar", { content: noColumns }).expect(400);
  expect(b.body.error.details).toEqual([{ path: "body.content", code: "columns" }]);

  const row = (string: string, stage: string) => [
    string,
    "text",
    "",
    "",
    stage,
    "a",
    "b",
    "",
    "",
    "",
  ];
  const badStage = await xlsx(SHEET_COLUMNS, [row("texts.intro", "finished")]);
  const c = await upload(draft.key, "ar", { content: badStage }).expect(400);
  expect(c.body.error.details).toEqual([{ path: "rows.2.stage", code: "invalid_value" }]);

  const unknown = await xlsx(SHEET_COLUMNS, [row("texts.nothing", "translate")]);
  const d = await upload(draft.key, "ar", { content: unknown }).expect(400);
  expect(d.body.error.details).toEqual([{ path: "rows.2.string", code: "unknown" }]);

  for (const lang of ["he", "ar", "en"]) {
    const msg = await upload(draft.key, "ar", { content: notXlsx }).query({ lang }).expect(400);
    expect(msg.body.error.message.length).toBeGreaterThan(20);
  }
  await upload(draft.key, "he", { content: notXlsx }).expect(400);
});
