import { createHash } from "node:crypto";
import type { Types } from "mongoose";
import { InstrumentVersion } from "./model";

/**
 * The split-ballot bridge of a wave on a new instrument version: for one wave, a
 * share of the sample (half by default) gets the previous version's wording, so
 * the effect of the new wording can be measured and the series bridged. The
 * assignment is a hash of the wave and the response, so the same response always
 * gets the same arm (a reload, a resumed link, a kiosk queue sent later) and no
 * state is stored to decide it. Each response records the version it was asked.
 */

/** A wave's bridge: the earlier version of the same instrument, and the share that gets it. */
export interface WaveBridge {
  instrumentVersionId: Types.ObjectId;
  share: number;
}

/** Which arm a response is in: the earlier wording ("bridge") or the wave's own ("main"). */
export type BridgeArm = "bridge" | "main";

/** A number in [0, 1) fixed by the wave and the response's key. */
export function bridgeDraw(waveId: string, responseKey: string): number {
  const digest = createHash("sha256").update(`bridge:${waveId}:${responseKey}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** The arm of one response: deterministic per wave and response. */
export function bridgeArmOf(waveId: string, responseKey: string, share: number): BridgeArm {
  return bridgeDraw(waveId, responseKey) < share ? "bridge" : "main";
}

/**
 * The instrument version a response is asked: the wave's own, or, for the bridge
 * arm of a wave with a bridge, the earlier version.
 */
export function instrumentVersionFor(
  wave: {
    _id: Types.ObjectId;
    instrumentVersionId: Types.ObjectId;
    bridge?: WaveBridge | null;
  },
  responseKey: string,
): { instrumentVersionId: Types.ObjectId; arm: BridgeArm } {
  const bridge = wave.bridge;
  if (!bridge || bridgeArmOf(wave._id.toHexString(), responseKey, bridge.share) === "main") {
    return { instrumentVersionId: wave.instrumentVersionId, arm: "main" };
  }
  return { instrumentVersionId: bridge.instrumentVersionId, arm: "bridge" };
}

/**
 * Why a bridge cannot be set on a wave, or null: it must name an earlier version
 * of the same instrument, and give it a share strictly between 0 and 1.
 */
export async function bridgeProblem(
  waveVersionId: Types.ObjectId,
  bridge: WaveBridge,
): Promise<"share" | "unknownVersion" | "otherInstrument" | "notEarlier" | null> {
  if (!(bridge.share > 0 && bridge.share < 1)) return "share";
  const [main, old] = await Promise.all(
    [waveVersionId, bridge.instrumentVersionId].map((id) =>
      InstrumentVersion.findById(id, { key: 1, version: 1 }).lean(),
    ),
  );
  if (!main || !old) return "unknownVersion";
  if (main.key !== old.key) return "otherInstrument";
  if (old.version >= main.version) return "notEarlier";
  return null;
}
