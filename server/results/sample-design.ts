import mongoose, { Schema, model, type Types } from "mongoose";
import { NotFoundError } from "../errors";
import { Wave } from "../waves/model";

/**
 * How a wave's respondents came to be, as results report them:
 * - `probability`: the researcher marked the wave as a probability sample;
 * - `list`: every response came by a personal SMS link to a list of residents;
 * - `engagement`: some came by the open link or a kiosk (self-selected), and
 *   the wave is not marked: its figures describe who took part, with no
 *   confidence interval and no test.
 */
export type SampleDesign = "probability" | "list" | "engagement";

/** Self-selected channels: anyone who finds the link or passes the kiosk answers. */
const SELF_SELECTED = new Set(["open-link", "kiosk"]);

/** A wave's design from its responses per channel and the researcher's mark. */
export function sampleDesignOf(
  byChannel: Readonly<Record<string, number>>,
  markedProbability: boolean,
): SampleDesign {
  if (markedProbability) return "probability";
  const selfSelected = Object.entries(byChannel).some(([c, n]) => n > 0 && SELF_SELECTED.has(c));
  return selfSelected ? "engagement" : "list";
}

/** True when a wave's figures may carry intervals and tests. */
export function allowsInference(design: SampleDesign): boolean {
  return design !== "engagement";
}

/**
 * A researcher's statement that a wave was drawn as a probability sample (a
 * random draw from the population register, say), with who said so and when.
 * Only waves marked here are reported with intervals when they include
 * open-link or kiosk answers.
 */
const sampleDesignSchema = new Schema(
  {
    waveId: { type: Schema.Types.ObjectId, ref: "Wave", required: true, unique: true },
    probability: { type: Boolean, required: true },
    setBy: { type: String, required: true },
  },
  { timestamps: true, collection: "sample_designs" },
);

export const SampleDesignMark = model("SampleDesignMark", sampleDesignSchema);

/** The waves among `ids` marked as probability samples. */
export async function markedProbability(ids: readonly Types.ObjectId[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const marks = await SampleDesignMark.find(
    { waveId: mongoose.trusted({ $in: [...ids] }), probability: true },
    { waveId: 1 },
  ).lean();
  const wanted = new Set(ids.map((id) => id.toHexString()));
  return new Set(marks.map((m) => m.waveId.toHexString()).filter((id) => wanted.has(id)));
}

/**
 * The waves among `waves` whose figures carry no interval or test (engagement
 * samples), from each wave's responses per channel and the researcher's marks.
 */
export async function engagementWaveIds(
  waves: readonly { _id: Types.ObjectId }[],
  byChannelOf: (wave: Types.ObjectId) => Readonly<Record<string, number>>,
): Promise<Set<string>> {
  const marked = await markedProbability(waves.map((w) => w._id));
  return new Set(
    waves
      .filter(
        (w) =>
          !allowsInference(sampleDesignOf(byChannelOf(w._id), marked.has(w._id.toHexString()))),
      )
      .map((w) => w._id.toHexString()),
  );
}

/**
 * Records whether a wave was drawn as a probability sample (researchers and
 * admins, who know how it was drawn). Unmarking returns it to the default
 * reading of its channels.
 */
export async function setSampleDesign(
  waveId: string,
  probability: boolean,
  actor: string,
): Promise<{ waveId: string; probability: boolean }> {
  if (!mongoose.isValidObjectId(waveId) || !(await Wave.exists({ _id: waveId })))
    throw new NotFoundError();
  await SampleDesignMark.updateOne(
    { waveId: new mongoose.Types.ObjectId(waveId) },
    { $set: { probability, setBy: actor } },
    { upsert: true },
  );
  return { waveId, probability };
}
