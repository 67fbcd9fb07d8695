import type { Margin } from "../analytics/raking";
import { frameText, type ResponseFrame } from "../responses/frame";
import { weightWave, type WaveWeighting, type WaveWeightingOptions } from "./weighting";

/** The text value of an answer, as raking and margins files compare it. */
export function answerText(v: unknown): string {
  return typeof v === "number" || typeof v === "string" ? String(v) : "";
}

/**
 * Raking gives every respondent of one cell (one combination of the margin
 * variables' answers) the same weight: each sweep multiplies a weight by its
 * category's factor, and the cell decides the categories. So a wave's weights
 * are a function of its cell counts alone, which is what lets an aggregate take
 * a response without reading the wave again, and an export keep a wave's cells
 * and bytes rather than its rows (server/exports/rows.ts).
 */

/**
 * The weighting cell of a response: its answers to the margin variables, in
 * margin order, and its frame text last (its non-response class is a function
 * of it, so every respondent of a cell still has one weight).
 */
export function cellKey(
  answers: Record<string, unknown>,
  margins: readonly Margin[] | null,
  frame?: ResponseFrame | null,
): string {
  if (!margins || margins.length === 0) return "";
  return JSON.stringify([...margins.map((m) => answerText(answers[m.variable])), frameText(frame)]);
}

/** Respondents per raking cell of one wave. */
export type CellCounts = ReadonlyMap<string, number>;

/** Counts the cells of rows (the from-scratch path and the tests). */
export function countCells(
  rows: readonly { answers: Record<string, unknown>; frame?: ResponseFrame | null }[],
  margins: readonly Margin[] | null,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const key = cellKey(r.answers, margins, r.frame);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * The weight of each cell and how the wave's weighting went, from its cell
 * counts: the respondents are laid out cell by cell in key order (one shared
 * object per cell, so a wave costs a pointer per respondent) and raked as
 * weightWave rakes rows. The order is fixed, so every server and every export
 * gives the same weights to the last bit.
 */
export function weightsOfCells(
  counts: CellCounts,
  margins: readonly Margin[] | null,
  options: WaveWeightingOptions = {},
): { weightOf: (key: string) => number | null; weighting: WaveWeighting } {
  const keys = [...counts.keys()].filter((k) => counts.get(k)! > 0).sort();
  const rows: Record<string, string>[] = [];
  const frames: string[] = [];
  const first = new Map<string, number>();
  for (const key of keys) {
    const values = key === "" ? [] : (JSON.parse(key) as string[]);
    const row = Object.fromEntries((margins ?? []).map((m, i) => [m.variable, values[i] ?? ""]));
    const frame = values[(margins ?? []).length] ?? "";
    first.set(key, rows.length);
    for (let i = 0; i < counts.get(key)!; i++) {
      rows.push(row);
      frames.push(frame);
    }
  }
  const { weights, weighting } = weightWave(rows, margins, options, frames);
  return {
    weightOf: (key) => (weights ? (weights[first.get(key) ?? -1] ?? null) : null),
    weighting,
  };
}
