import type { WaveView } from "./api";
import { dayOf } from "./settings";

/** Waves set up together, and the first of them, which names the group. */
export interface GroupOfWaves {
  key: string;
  first: WaveView;
  waves: WaveView[];
}

/** Waves set up together (same name, kind, instrument version and opening day) form one group. */
export function groupsOf(waves: WaveView[]): GroupOfWaves[] {
  const groups = new Map<string, GroupOfWaves>();
  for (const w of waves) {
    const key = [w.name.he, w.kind, w.instrument.id, dayOf(w.opensAt)].join("|");
    const g = groups.get(key);
    if (g) g.waves.push(w);
    else groups.set(key, { key, first: w, waves: [w] });
  }
  return [...groups.values()];
}
