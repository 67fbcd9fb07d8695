/**
 * Response documents of the platform's own shape (server/responses/model.ts),
 * made fast enough to generate millions for the store's benchmarks
 * (`bench:store`, `bench:store-memory`): about sixty answers, eight scores,
 * ids, dates and strings, about 1 kB of BSON each. The answer and score
 * sub-documents come from small pools, so making a document costs a few
 * fields; the BSON the driver sends is the same as if each were new.
 */
import { ObjectId, type Document } from "bson";

const authorities = Array.from({ length: 257 }, () => new ObjectId());
const waves = Array.from({ length: 8 }, () => new ObjectId());
const instrument = new ObjectId();
const CHANNELS = ["sms", "email", "link", "kiosk", "phone"];
const LOCALES = ["he", "ar", "en", "ru"];
const CONSTRUCTS = [
  "trust",
  "belonging",
  "safety",
  "services",
  "voice",
  "wellbeing",
  "ties",
  "pride",
];

function answersFor(i: number): Document {
  const answers: Document = {};
  for (let q = 1; q <= 60; q += 1) answers[`q${String(q).padStart(2, "0")}`] = ((i * q) % 5) + 1;
  answers.open1 =
    i % 3 === 0
      ? `free text answer number ${i}: the park near the community centre needs lights and benches`
      : "";
  answers.household = ["1", "2", "3-4", "5+"][i % 4];
  answers.age = ["18-29", "30-44", "45-64", "65+"][i % 4];
  return answers;
}

function scoresFor(i: number): Document {
  return Object.fromEntries(CONSTRUCTS.map((c) => [c, ((i % 97) + 0.25) / 25]));
}

const ANSWER_POOL = Array.from({ length: 1009 }, (_, i) => answersFor(i));
const SCORE_POOL = Array.from({ length: 97 }, (_, i) => scoresFor(i));

/** The indexes of server/responses/model.ts that a response collection carries. */
export const RESPONSE_INDEXES: Array<{ key: Document; unique?: boolean; sparse?: boolean }> = [
  { key: { submissionId: 1 }, unique: true },
  { key: { waveId: 1, panelId: 1 } },
  { key: { authorityId: 1, waveId: 1 } },
  { key: { waveId: 1, exportKey: 1 } },
  { key: { panelId: 1 }, sparse: true },
  { key: { aggregated: 1, waveId: 1 } },
];

/** The i-th response; `submissionId` is unique per i (and per run). */
export function response(i: number): Document {
  const _id = new ObjectId();
  const hex = _id.toHexString();
  return {
    _id,
    waveId: waves[i % waves.length],
    authorityId: authorities[i % authorities.length],
    instrumentVersionId: instrument,
    channel: CHANNELS[i % CHANNELS.length],
    locale: LOCALES[i % LOCALES.length],
    submissionId: `sub-${i.toString(36)}-${hex}`,
    answers: ANSWER_POOL[i % ANSWER_POOL.length],
    scores: SCORE_POOL[i % SCORE_POOL.length],
    submittedAt: new Date(1_760_000_000_000 + i * 1000),
    panelId: i % 10 === 0 ? `panel-${i % 5000}` : undefined,
    exportKey: hex,
  };
}
