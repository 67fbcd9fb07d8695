import type { DemoItem } from "./demo-items";
import { normal } from "./random";

/** One synthetic resident's answers: a latent level per construct, items scattered around it. */
export function syntheticAnswers(
  items: readonly DemoItem[],
  level: number,
  shift: number,
  random: () => number,
): Record<string, unknown> {
  const answers: Record<string, unknown> = { consent: true };
  const latent = new Map<string, number>();
  for (const item of items) {
    if (!latent.has(item.constructId)) latent.set(item.constructId, normal(random) + shift);
    if (random() < 0.03) continue; // skipped
    if (item.dontKnow && random() < 0.04) {
      answers[item.id] = "dk";
      continue;
    }
    const k = item.points.length;
    const position =
      level * (k - 1) + 0.85 * (latent.get(item.constructId)! + 0.6 * normal(random));
    const point = Math.min(k - 1, Math.max(0, Math.round(position)));
    answers[item.id] = item.points[item.reverse ? k - 1 - point : point];
  }
  return answers;
}
