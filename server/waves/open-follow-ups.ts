import mongoose, { type Types } from "mongoose";
import type { Locale } from "../shared/locales";
import { Wave } from "./model";

/** A readiness warning: worth knowing before opening, never a reason to refuse. */
export interface ReadinessWarning {
  code: "follow_up_open";
  waves: { id: string; name: Record<Locale, string> }[];
}

/**
 * Warnings for a wave's readiness: a follow-up while another follow-up of the
 * same authority is open or paused (still in the field). Two at once split the
 * residents between them and make "the follow-up" ambiguous in the results, but
 * a deliberate second one (a bridged new edition) is allowed, so it only warns.
 */
export async function readinessWarnings(wave: {
  _id: Types.ObjectId;
  authorityId: Types.ObjectId;
  kind: string;
}): Promise<ReadinessWarning[]> {
  if (wave.kind !== "follow-up") return [];
  const others = await Wave.find(
    {
      authorityId: wave.authorityId,
      kind: "follow-up",
      status: mongoose.trusted({ $in: ["open", "paused"] }),
      _id: mongoose.trusted({ $ne: wave._id }),
    },
    { name: 1 },
  )
    .sort({ _id: 1 })
    .lean();
  if (others.length === 0) return [];
  return [
    {
      code: "follow_up_open",
      waves: others.map((o) => ({
        id: o._id.toHexString(),
        name: { he: o.name.he, ar: o.name.ar, en: o.name.en },
      })),
    },
  ];
}
