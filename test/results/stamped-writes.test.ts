/**
 * Every write to a wave's SMS list, to a wave or to margins leaves `updatedAt`
 * (issue 22): the dashboards' caches find what changed by it
 * (server/results/stamp-window.ts), so a write that goes around mongoose's
 * timestamps would leave a view showing a list, a wave or margins as they
 * were. mongoose stamps its own writes and stampedWrites the lean inserts;
 * what remains is code that bypasses both, refused here. (The statistics'
 * records are written in one place, server/results/aggregate-cache.ts, which
 * stamps each write itself.)
 */
import fs from "node:fs";
import path from "node:path";
import mongoose from "mongoose";
import { Contact, OptOut } from "../../server/distribution/contacts/model";
import { Invitation } from "../../server/distribution/invitations/model";
import { MarginSet } from "../../server/results/margin-set-model";
import { PopulationMargins } from "../../server/results/margins-model";
import { Wave } from "../../server/waves/model";
import { SmsMessage } from "../../server/distribution/queue/model";
import { startTestStore, type TestStore } from "../helpers/store";

const ROOT = path.join(__dirname, "..", "..");
const MODELS = "Invitation|SmsMessage|Contact|OptOut|Wave|MarginSet|PopulationMargins";
const COLLECTIONS = "invitations|smsmessages|contacts|optouts|waves|margin_sets|populationmargins";
/** Code that opens these collections raw and only reads them, with why that is fine. */
const READS_ONLY = new Set([
  // Reads invitations and contacts to give old responses their frame cell.
  "server/db/migrations/0009-response-frames.ts",
  // Finds the wave of an open link without casting it.
  "server/take/service.ts",
]);

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return /\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

it("no server code or script writes the list, waves or margins around mongoose's timestamps", () => {
  const found: string[] = [];
  for (const file of [...sources("server"), ...sources("scripts")]) {
    if (READS_ONLY.has(file)) continue;
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    const models = new RegExp(`import \\{[^}]*\\b(${MODELS})\\b[^}]*\\} from`).test(text);
    if (new RegExp(`\\b(${MODELS})\\.collection\\b`).test(text)) found.push(`${file}: .collection`);
    if (models && /timestamps:\s*false/.test(text)) found.push(`${file}: timestamps: false`);
    if (new RegExp(`collection\\(\\s*["'\`](${COLLECTIONS})["'\`]`).test(text))
      found.push(`${file}: a raw collection of the list`);
  }
  expect(found).toEqual([]);
});

describe("lean inserts", () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await startTestStore();
  });
  afterAll(() => t.close());

  it.each([
    ["Contact", Contact],
    ["Invitation", Invitation],
    ["SmsMessage", SmsMessage],
    ["OptOut", OptOut],
    ["Wave", Wave],
    ["MarginSet", MarginSet],
    ["PopulationMargins", PopulationMargins],
  ] as const)("%s: stamped like any other write, and the stamp indexed", async (_, model) => {
    const before = Date.now();
    // Lean: neither cast, validated nor given defaults, as the contact import writes.
    const m = model as unknown as typeof OptOut;
    const _id = new mongoose.Types.ObjectId();
    await m.insertMany([{ _id }], { lean: true });
    const stored = (await m.findById(_id).lean()) as { createdAt?: Date; updatedAt?: Date };
    expect(stored.updatedAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(stored.createdAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(model.schema.indexes()).toContainEqual([{ updatedAt: 1 }, expect.anything()]);
  });
});
