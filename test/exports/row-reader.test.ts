/**
 * The export reads rows straight from stored responses' BSON bytes
 * (server/exports/row-reader.ts). Each cell must be what reading the driver's
 * decoding of the same bytes gives (the export's reading before the raw cursor,
 * kept below as the reference): numbers, texts, and nothing for every other BSON
 * type, the Israel day of the submission, and the weight of the response's cell.
 */
import {
  BSON,
  BSONSymbol,
  Binary,
  Decimal128,
  Double,
  Int32,
  Long,
  ObjectId,
  Timestamp,
} from "bson";
import type { Margin } from "../../server/analytics/raking";
import {
  exportLayout,
  FIXED_COLUMNS,
  MEASURE_PREFIX,
  type ExportColumn,
} from "../../server/exports/layout";
import { rowReader, type WaveCells } from "../../server/exports/row-reader";
import type { ExportValue } from "../../server/exports/rows";
import { cellKey } from "../../server/results/cell-weights";
import { israelDay } from "../../server/responses/ids";
import type { ResponseFrame } from "../../server/responses/frame";

const columns: Pick<ExportColumn, "name">[] = [
  ...FIXED_COLUMNS.map((name) => ({ name })),
  ...["dem_sex", "dem_age_band", "q_text", "q_num", "שאלה", "score_like_q"].map((name) => ({
    name,
  })),
  ...["sense", "trust"].map((c) => ({ name: `score_${c}` })),
  ...["sense", "trust", "unasked"].map((c) => ({ name: `${MEASURE_PREFIX}${c}` })),
];

const versions = [new ObjectId(), new ObjectId()];
/** Construct → instrument version → measure, as the export numbers them. */
const measures = new Map([
  [
    "sense",
    new Map([
      [versions[0]!.toHexString(), 1],
      [versions[1]!.toHexString(), 2],
    ]),
  ],
  ["trust", new Map([[versions[1]!.toHexString(), 1]])],
]);

/**
 * Reads rows as the export does: each row, then its weight from its cell
 * (a raked wave's weights need the whole wave's cells first).
 */
function readerOf(
  cols: Pick<ExportColumn, "name">[],
  meas: typeof measures | undefined,
  weights: { margins: readonly Margin[] | null; weightOf: (cell: string) => number | null },
): (bytes: Buffer) => ExportValue[] {
  const reader = rowReader(cols, meas);
  const read = reader.forWave(wave, weights.margins);
  return (bytes: Buffer) => {
    const row = read.row(bytes);
    reader.weigh(row, weights.weightOf(read.cell(bytes)));
    return row;
  };
}

const wave: WaveCells = {
  authority: "town",
  wave: "aa0000000000000000000001",
  wave_name: 'גל 1, "אביב"',
  period: "2025",
};

const margins: Margin[] = [
  {
    variable: "dem_sex",
    shares: new Map([
      ["1", 0.5],
      ["2", 0.5],
    ]),
  },
  { variable: "dem_age_band", shares: new Map([["1", 1]]) },
] as unknown as Margin[];

/** The same number for the same cell key, whichever reader asks. */
const keys: string[] = [];
const weightOf = (key: string) => {
  if (!keys.includes(key)) keys.push(key);
  return keys.indexOf(key) + 1;
};

/** The export's per-row reading before the raw cursor, over the driver's decoding. */
function reference(bytes: Buffer, m: Margin[] | null): ExportValue[] {
  const r = BSON.deserialize(bytes) as {
    _id: ObjectId;
    channel: string;
    locale: string;
    submittedAt: Date;
    answers: Record<string, unknown>;
    scores: Record<string, unknown>;
    frame?: ResponseFrame | null;
    arm?: string;
    instrumentVersionId: ObjectId;
  };
  const fixed: Record<string, ExportValue> = { ...wave };
  return columns.map((c): ExportValue => {
    switch (c.name) {
      case "response_id":
        return r._id.toHexString();
      case "authority":
      case "wave":
      case "wave_name":
      case "period":
        return fixed[c.name]!;
      case "channel":
        return r.channel;
      case "locale":
        return r.locale;
      case "submitted_at":
        return israelDay(r.submittedAt);
      case "weight":
        return weightOf(cellKey(r.answers, m, r.frame));
      case "arm":
        return r.arm ?? null;
      case "instrument_version":
        return r.instrumentVersionId.toHexString();
    }
    if (c.name.startsWith(MEASURE_PREFIX)) {
      const construct = c.name.slice(MEASURE_PREFIX.length);
      if (typeof r.scores[construct] !== "number") return null;
      return measures.get(construct)?.get(r.instrumentVersionId.toHexString()) ?? null;
    }
    const source = c.name.startsWith("score_") ? r.scores[c.name.slice(6)] : r.answers[c.name];
    return typeof source === "number" || typeof source === "string" ? source : null;
  });
}

/** Every BSON type a value can have, as a stored answer or score. */
const VALUES: unknown[] = [
  1,
  -0,
  0.1 + 0.2,
  1e21,
  Number.MAX_VALUE,
  new Double(2),
  new Int32(-7),
  Long.fromNumber(4),
  Long.fromString("9007199254740992"),
  Long.fromString("9007199254740993"),
  Long.fromString("-9007199254740992"),
  Long.fromString("-9007199254740993"),
  Decimal128.fromString("2.5"),
  "",
  "dk",
  'שלום, "עולם"',
  "café 🙂\u0000x",
  new BSONSymbol("sym"),
  true,
  false,
  null,
  undefined,
  new Date("2025-01-01T00:00:00Z"),
  [1, 2],
  { value: 1, nested: { deeper: "x" } },
  new ObjectId(),
  new Binary(Buffer.from("bytes")),
  /regex/i,
  new Timestamp({ t: 1, i: 2 }),
];

function response(i: number, extra: Record<string, unknown> = {}): Buffer {
  const v = (k: number) => VALUES[(i + k) % VALUES.length];
  return Buffer.from(
    BSON.serialize(
      {
        _id: new ObjectId(),
        instrumentVersionId: versions[i % 2],
        ...(i % 3 === 0 ? {} : { arm: ["bridge", "main"][i % 2] }),
        channel: ["sms", "kiosk", "open-link"][i % 3],
        locale: ["he", "ar", "en"][i % 3],
        answers: {
          consent: true,
          dem_sex: i % 4 === 0 ? v(0) : 1 + (i % 2),
          dem_age_band: v(1),
          q_text: v(2),
          // Fields no column asks for are stepped over, whatever their type.
          skipped: v(3),
          q_num: v(4),
          שאלה: v(5),
          score_like_q: v(6),
        },
        scores: { sense: v(7), other: v(8), trust: v(9) },
        submittedAt: new Date(Date.UTC(2025, 2, 27, 20) + i * 1_234_567),
        ...extra,
      },
      { ignoreUndefined: false },
    ),
  );
}

it("reads every BSON type into a cell as the driver's decoding gives it", () => {
  const read = readerOf(columns, measures, { margins: null, weightOf });
  for (let i = 0; i < 3 * VALUES.length; i++) {
    const bytes = response(i);
    expect(read(bytes)).toEqual(reference(bytes, null));
  }
});

it("gives each response the weight of its margin answers and frame", () => {
  const read = readerOf(columns, measures, { margins, weightOf });
  const frames = [
    {},
    { frame: { language: "he", neighbourhood: "north" } },
    { frame: { language: "ar", neighbourhood: "" } },
    { frame: null },
  ];
  for (let i = 0; i < 2 * VALUES.length; i++) {
    const bytes = response(i, frames[i % frames.length]);
    expect(read(bytes)).toEqual(reference(bytes, margins));
  }
  expect(keys.length).toBeGreaterThan(8);
});

it("reads answers and scores in any order, under names that begin alike", () => {
  const read = readerOf(columns, measures, { margins, weightOf });
  // Names that are the start of a column's name, or have one as their start.
  const lookalikes = ["q", "q_nu", "q_number", "dem_sex_", "dem_se", "sens", "senses", "trus"];
  for (let i = 0; i < 12 * VALUES.length; i++) {
    const r = BSON.deserialize(response(i));
    // A different order of the fields for nearly every response, some with optional
    // answers more: far more layouts than any one place keeps.
    const order = (o: Record<string, unknown>, extra: string[]) => {
      const entries = [...Object.entries(o), ...extra.map((k, j) => [k, j] as const)];
      for (let j = entries.length - 1; j > 0; j--) {
        const k = (i * 7 + j * 13) % (j + 1);
        [entries[j], entries[k]] = [entries[k]!, entries[j]!];
      }
      return Object.fromEntries(entries);
    };
    const picked = lookalikes.filter((_, j) => (i >> j) % 2 === 1);
    const bytes = Buffer.from(
      BSON.serialize(
        order({ ...r, answers: order(r.answers, picked), scores: order(r.scores, picked) }, []),
      ),
    );
    expect(read(bytes)).toEqual(reference(bytes, margins));
  }
});

it("reads the Israel day of submissions across midnights and clock changes", () => {
  const read = readerOf(columns, measures, { margins: null, weightOf });
  const day = columns.findIndex((c) => c.name === "submitted_at");
  // Every ten minutes over the days of 2025's clock changes, and at each side of them.
  const starts = [Date.UTC(2025, 2, 27, 12), Date.UTC(2025, 9, 25, 12)];
  for (const start of starts)
    for (let t = start; t < start + 36 * 3_600_000; t += 600_000)
      for (const ms of [t, t - 1]) {
        const bytes = Buffer.from(
          BSON.serialize({
            _id: new ObjectId(),
            answers: {},
            scores: {},
            submittedAt: new Date(ms),
          }),
        );
        expect(read(bytes)[day]).toBe(israelDay(new Date(ms)));
      }
});

it("reads the columns of a real layout, and cells of a wave without them empty", () => {
  const layout = exportLayout([], "en");
  const read = readerOf(layout, undefined, { margins: null, weightOf: () => 1 });
  const bytes = response(3);
  expect(read(bytes)).toEqual([
    BSON.deserialize(bytes)._id.toHexString(),
    "town",
    wave.wave,
    wave.wave_name,
    "sms",
    "he",
    israelDay(BSON.deserialize(bytes).submittedAt as Date),
    1,
    "2025",
    null,
    versions[1]!.toHexString(),
  ]);
});
