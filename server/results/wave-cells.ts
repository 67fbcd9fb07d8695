import type mongoose from "mongoose";
import type { Margin } from "../analytics/raking";
import { SurveyResponse } from "../responses/model";
import { frameText } from "../responses/frame";
import { answerText } from "./cell-weights";
import type { AnalyticsReadPreference } from "./read-preference";

/**
 * A wave's respondents per raking cell, counted by the store ($group on the
 * margin variables), so weights are had without reading a single response
 * into the app: the answer is as many numbers as the wave has cells.
 */
export async function cellCountsOfWave(
  waveId: mongoose.Types.ObjectId,
  margins: readonly Margin[] | null,
  read: AnalyticsReadPreference,
  session?: mongoose.ClientSession,
): Promise<Map<string, number>> {
  if (!margins || margins.length === 0) return new Map();
  const groups = await SurveyResponse.aggregate<{ _id: unknown[]; n: number }>([
    { $match: { waveId } },
    // $getField: a variable name is data, never read as a path or an operator.
    {
      $group: {
        _id: [
          ...margins.map((m) => ({ $getField: { field: m.variable, input: "$answers" } })),
          // The frame cell of a personal link's response (cell-weights.ts cellKey).
          "$frame.language",
          "$frame.neighbourhood",
        ],
        n: { $sum: 1 },
      },
    },
  ])
    .read(read)
    .session(session ?? null);
  const counts = new Map<string, number>();
  for (const g of groups) {
    // Numbers and their text are one category to raking (answerText), so they add up.
    const language = g._id?.[margins.length];
    const frame =
      typeof language === "string"
        ? frameText({ language, neighbourhood: String(g._id?.[margins.length + 1] ?? "") })
        : "";
    const key = JSON.stringify([...margins.map((_, i) => answerText(g._id?.[i])), frame]);
    counts.set(key, (counts.get(key) ?? 0) + g.n);
  }
  return counts;
}
