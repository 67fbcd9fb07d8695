import mongoose, { Types } from "mongoose";
import { pairedChange } from "../analytics/change";
import { SurveyResponse } from "../responses/model";
import { changesBy, type NotCompared } from "./changes";
import { analyticsRead } from "./read-preference";
import type { AuthorityResults } from "./schema";

type PanelChange = AuthorityResults["constructs"][number]["changes"]["panel"][number];

/**
 * Change among panel members from wave to wave: residents who agreed to be
 * asked again and answered both waves (their responses carry the same panel
 * pseudonym). Each construct is tested with the paired t-test over the members
 * with a score in both waves (d is d_z), Holm over the constructs of the same
 * waves. Unweighted: the panel is its own sample. With fewer pairs than the
 * smallest cell shown, only the number of pairs is given.
 */
export async function panelChanges(
  pairs: ReadonlyArray<[string, string]>,
  constructIds: readonly string[],
  minCellSize: number,
  notCompared: (construct: string, from: string, to: string) => NotCompared | null = () => null,
): Promise<Map<string, PanelChange[]>> {
  const waveIds = [...new Set(pairs.flat())];
  const rows =
    waveIds.length === 0
      ? []
      : await SurveyResponse.find(
          {
            waveId: mongoose.trusted({ $in: waveIds.map((id) => new Types.ObjectId(id)) }),
            // A range on the index's second field: only panel members' keys are read.
            panelId: mongoose.trusted({ $gt: "" }),
          },
          { waveId: 1, panelId: 1, scores: 1, _id: 0 },
        )
          .read(analyticsRead())
          .lean();
  // wave → panel member → construct scores (a member's first response in a wave)
  const byWave = new Map<string, Map<string, Record<string, unknown>>>();
  for (const r of rows) {
    const wave = r.waveId.toHexString();
    const members = byWave.get(wave) ?? new Map<string, Record<string, unknown>>();
    if (!members.has(r.panelId!)) members.set(r.panelId!, r.scores as Record<string, unknown>);
    byWave.set(wave, members);
  }
  const counted = new Map<string, number>();
  const key = (id: string, from: string, to: string) => `${id} ${from} ${to}`;
  const changes = changesBy(pairs, constructIds, (id, from, to) => {
    const why = notCompared(id, from, to);
    if (why) return why;
    const earlier: number[] = [];
    const later: number[] = [];
    for (const [member, scores] of byWave.get(from) ?? []) {
      const x = scores[id];
      const y = byWave.get(to)?.get(member)?.[id];
      if (typeof x === "number" && typeof y === "number") {
        earlier.push(x);
        later.push(y);
      }
    }
    if (earlier.length === 0) return undefined; // no member answered this construct in both
    counted.set(key(id, from, to), earlier.length);
    return earlier.length >= minCellSize ? pairedChange(earlier, later) : null;
  });
  return new Map(
    [...changes].map(([id, list]) => [
      id,
      list.map((c) => ({ ...c, pairs: counted.get(key(id, c.fromWaveId, c.toWaveId)) ?? 0 })),
    ]),
  );
}
