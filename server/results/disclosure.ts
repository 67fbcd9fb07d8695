import type { Types } from "mongoose";
import type { FreshAggregates } from "./aggregate-cache";
import type { Disclosure } from "./disclosure-schema";
import { marginsForWave } from "./margin-sets";
import { waveOutcomes } from "./outcomes";
import { markedProbability, sampleDesignOf } from "./sample-design";
import { notApplied } from "./nonresponse-cells";
import type { WaveWeighting } from "./weighting";

/** A wave as the disclosure block reads it. */
export interface DisclosedWave {
  _id: Types.ObjectId;
  authorityId: Types.ObjectId;
  instrumentVersionId: Types.ObjectId;
  status: string;
  opensAt: Date;
  closesAt?: Date | null;
  statusChangedAt?: Date | null;
  channels?: readonly string[] | null;
}

/**
 * The disclosure block of each wave: how respondents were reached (frame and
 * modes), when (field dates), how they were weighted, the sample design the
 * figures are reported under, and per channel the final dispositions and
 * AAPOR rates. Counts and rates only.
 */
export async function disclosuresOf(
  waves: readonly DisclosedWave[],
  aggregates: Pick<FreshAggregates, "get" | "list" | "margins">,
): Promise<Map<string, Disclosure>> {
  // The lists and margins the weights took, as the cache holds them (not read again per view).
  const margins = aggregates.margins();
  const [marked, outcomes] = await Promise.all([
    markedProbability(waves.map((w) => w._id)),
    waveOutcomes(waves, (id) => aggregates.get(id)?.byChannel ?? {}, aggregates.list),
  ]);
  return new Map(
    waves.map((w) => {
      const id = w._id.toHexString();
      const agg = aggregates.get(w._id);
      const byChannel = agg?.byChannel ?? {};
      const closed = w.status === "closed";
      const weighting = agg?.weighting;
      // The aggregate is recomputed whenever the margin sets change, so this is its set.
      const set = weighting?.method === "raked" ? marginsForWave(margins, w).set : null;
      return [
        id,
        {
          waveId: id,
          design: sampleDesignOf(byChannel, marked.has(id)),
          modes: (outcomes.get(id) ?? []).filter((o) => o.responses > 0).map((o) => o.channel),
          opensAt: w.opensAt.toISOString(),
          // A closed wave ended when it was closed, if that came before its planned day.
          closesAt:
            (closed ? earliest(w.closesAt, w.statusChangedAt) : w.closesAt)?.toISOString() ?? null,
          closed,
          responses: agg?.responses ?? 0,
          weighting: {
            method: weighting?.method ?? "none",
            // The variables of the margin set this wave was raked to (not today's set).
            variables: weighting?.method === "raked" ? (weighting.variables ?? []) : [],
            deff: weighting?.deff ?? 1,
            effectiveN: weighting?.effectiveN ?? agg?.responses ?? 0,
            failure: weighting?.failure ?? null,
            marginSet: set ? { version: set.version, source: set.source, year: set.year } : null,
            trimming: weighting?.trimming ?? null,
            // Within the classes of the wave's contact list, or why not.
            nonResponse: nonResponseOf(
              weighting,
              (outcomes.get(id) ?? []).some(
                (o) => o.channel === "sms" && o.responses + (o.invitations ?? 0) > 0,
              ),
            ),
          },
          outcomes: (outcomes.get(id) ?? []).map((o) => ({
            channel: o.channel,
            frame: o.channel === "sms" ? ("contact-list" as const) : ("none" as const),
            responses: o.responses,
            invitations: o.invitations,
            dispositions: o.tally,
            rates: o.rates,
          })),
        },
      ];
    }),
  );
}

/**
 * The disclosure of the non-response step: as weighting did it, and for a wave
 * not weighted (no margins, or a failed fit) why not: no list at all, or a
 * list but no weighting for the step to be part of.
 */
function nonResponseOf(
  weighting: WaveWeighting | undefined,
  hasList: boolean,
): Disclosure["weighting"]["nonResponse"] {
  const step = weighting?.method === "raked" ? weighting.nonResponse : null;
  if (step) return step;
  return { ...notApplied("noFrame"), reason: hasList ? "notWeighted" : "noFrame" };
}

function earliest(a?: Date | null, b?: Date | null): Date | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a < b ? a : b;
}
