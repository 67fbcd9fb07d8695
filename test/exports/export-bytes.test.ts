/**
 * The responses export's bytes, in each format, on fixed data: ids, days, answers
 * and margins chosen here, with the values a stored response can hold that the
 * file must render exactly (text that needs quoting or escaping, formula starts,
 * bidi controls, "don't know", whole and fractional numbers, and, stored by
 * other writers, longs, decimals, booleans, dates, arrays and sub-documents),
 * days on both sides of an Israel midnight and of a change of clock, and a
 * response stored without its export key. Any change to how the export reads,
 * orders or writes rows that changes a byte shows here; an intended change of
 * the file (a new column, a changed label, a changed core instrument) is
 * accepted by updating the snapshot (`npx jest -u` on this file) and reviewing
 * its diff.
 */
import crypto from "node:crypto";
import { PassThrough } from "node:stream";
import { unzipSync, strFromU8 } from "fflate";
import { Decimal128, Double, Int32, Long } from "bson";
import mongoose from "mongoose";
import { Authority } from "../../server/authorities/model";
import { exportResponses, type ResponseFormat } from "../../server/exports/service";
import { InstrumentVersion } from "../../server/instruments/model";
import { getSnapshot, publishInstrument } from "../../server/instruments/service";
import { SurveyResponse } from "../../server/responses/model";
import { PopulationMargins } from "../../server/results/margins-model";
import { scoreResponse } from "../../server/surveys/scoring";
import { Wave } from "../../server/waves/model";
import { startTestStore, type TestStore } from "../helpers/store";
import { standaloneAnalytics } from "../../server/results/analytics-scope";

const TEXTS = [
  "=SUM(A1:A9)",
  'a, b and "c"',
  "line one\nline two",
  "שלום, עולם",
  "مرحبا بالعالم",
  "\u202Ereversed",
  "  spaced  ",
  "<b>&amp;</b>",
  "+972 50 000 0000",
  "café 🙂",
];

/** Instants around Israel's midnight and its clock changes of 2025 (28 March, 26 October). */
const DAYS = [
  "2025-01-14T21:59:59Z",
  "2025-01-14T22:00:00Z",
  "2025-03-27T21:30:00Z",
  "2025-03-27T22:30:00Z",
  "2025-03-28T00:30:00Z",
  "2025-07-01T20:59:59Z",
  "2025-07-01T21:00:00Z",
  "2025-10-25T20:30:00Z",
  "2025-10-25T21:30:00Z",
  "2025-10-25T22:30:00Z",
];

const hexId = (prefix: string, i: number) =>
  new mongoose.Types.ObjectId(`${prefix}${i.toString(16).padStart(24 - prefix.length, "0")}`);

let slug: string;
let testStore: TestStore;

beforeAll(async () => {
  testStore = await startTestStore();
  const authority = await Authority.create({
    slug: "bytes-town",
    name: { he: "עיר", ar: "مدينة", en: "Town" },
    population: "mixed",
  });
  slug = authority.slug;
  // The file names the version each response answered: kept under a fixed id.
  const published = await publishInstrument("core");
  const version = (await InstrumentVersion.findById(published.id).lean())!;
  await InstrumentVersion.deleteOne({ _id: published.id });
  const instrument = { id: hexId("dd", 1) };
  await InstrumentVersion.collection.insertOne({ ...version, _id: instrument.id });
  const snapshot = await getSnapshot(instrument.id);
  const waves = await Promise.all(
    [0, 1].map((w) =>
      Wave.create({
        _id: hexId("aa", w),
        authorityId: authority._id,
        instrumentVersionId: instrument.id,
        name: { he: `גל ${w + 1}, "אביב"`, ar: `جولة ${w + 1}`, en: `Wave ${w + 1}` },
        kind: w === 0 ? "baseline" : "follow-up",
        status: "closed",
        opensAt: new Date(Date.UTC(2025, w * 6, 1)),
      }),
    ),
  );
  await PopulationMargins.create({
    authorityId: authority._id,
    margins: [
      { variable: "dem_sex", shares: { "1": 0.48, "2": 0.52 } },
      { variable: "dem_age_band", shares: { 1: 0.2, 2: 0.2, 3: 0.3, 4: 0.3 } },
    ],
  });
  const docs = [];
  for (let i = 0; i < 40; i++) {
    const answers: Record<string, unknown> = { consent: true };
    for (const page of snapshot.pages)
      for (const item of page.items) {
        if (item.kind !== "item" || !item.scale || item.visibleIf) continue;
        const points = item.scale.points;
        answers[item.id] = points[(i * 7 + item.id.length) % points.length]!.value;
        if (item.dontKnow && i % 9 === 4) answers[item.id] = "dk";
      }
    // Responses alternate between the waves: both sexes and every age band in each.
    answers.dem_sex = i % 11 === 3 ? "dk" : 1 + (Math.floor(i / 2) % 2);
    answers.dem_age_band = 1 + (Math.floor(i / 4) % 4);
    if (i % 3 === 0) answers.dem_neighbourhood = TEXTS[i % TEXTS.length];
    if (i % 2 === 1) answers.open_improve = TEXTS[(i * 3) % TEXTS.length];
    if (i % 5 === 2) answers.vol_hours = 2.5 + i;
    docs.push({
      _id: hexId("bb", i),
      waveId: waves[i % 2]!._id,
      authorityId: authority._id,
      instrumentVersionId: instrument.id,
      channel: (["sms", "open-link", "kiosk"] as const)[i % 3],
      locale: (["he", "ar", "en"] as const)[i % 3],
      submissionId: `bytes-${i}`,
      ...(i % 4 === 1 ? { arm: "bridge" } : i % 4 === 3 ? { arm: "main" } : {}),
      answers,
      scores: scoreResponse(snapshot, answers),
      submittedAt: new Date(DAYS[i % DAYS.length]!),
    });
  }
  await SurveyResponse.insertMany(docs);
  // Written by another writer: no export key, and values of every other BSON type.
  await SurveyResponse.collection.insertOne({
    _id: hexId("cc", 1),
    waveId: waves[1]!._id,
    authorityId: authority._id,
    instrumentVersionId: instrument.id,
    channel: "kiosk",
    locale: "ar",
    submissionId: "bytes-legacy",
    answers: {
      consent: true,
      dem_sex: new Int32(2),
      dem_age_band: new Double(3),
      dem_children: Long.fromNumber(4),
      dem_household_size: Long.fromString("9007199254740993"),
      qol_place: Decimal128.fromString("2.5"),
      soc_needs_1: true,
      soc_belonging_1: null,
      soc_influence_1: [1, 2],
      soc_connection_1: { value: 1 },
      ce_cohesion_1: new Date("2025-01-01T00:00:00Z"),
      ce_trust_1: -0,
      ce_conflict_1: 1e21,
      ce_intervene_1: 0.1 + 0.2,
      dem_neighbourhood: "",
      open_improve: "x\u0000y\u0085z",
    },
    scores: { place_satisfaction: new Double(2), sense_of_community: 3.25, involvement: "n/a" },
    submittedAt: new Date("2025-12-31T22:00:00Z"),
  } as never);
}, 60_000);

afterAll(() => testStore.close());

async function exported(format: ResponseFormat): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  await exportResponses(
    standaloneAnalytics(),
    out,
    { authority: slug, format, locale: "he" },
    { principal: undefined, via: "cli" },
  );
  out.end();
  return Buffer.concat(chunks);
}

it("writes the CSV as it did", async () => {
  const csv = await exported("csv");
  const lines = csv.toString("utf8").split("\r\n");
  expect(lines).toHaveLength(43);
  // Raked: the weight column (the eighth) holds weights other than 1.
  expect(lines.slice(1, -1).some((l) => !["", "1"].includes(l.split(",")[7]!))).toBe(true);
  expect(csv.toString("utf8")).toMatchSnapshot();
});

it("writes the XLSX's parts as it did", async () => {
  // The zip's own headers carry the time it was written; its parts do not.
  const parts = unzipSync(new Uint8Array(await exported("xlsx")));
  const texts = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strFromU8(v)]));
  expect(Object.keys(texts)).toContain("xl/worksheets/sheet1.xml");
  expect(texts).toMatchSnapshot();
});

it("writes the .sav as it did", async () => {
  const sav = await exported("sav");
  // The header's creation date and time (9 and 8 bytes after the first 92) are today's.
  sav.fill(0x20, 92, 92 + 17);
  expect(sav.length).toMatchSnapshot();
  expect(crypto.createHash("sha256").update(sav).digest("hex")).toMatchSnapshot();
});
