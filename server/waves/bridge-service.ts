import mongoose, { type Types } from "mongoose";
import type { Principal } from "../access/principal";
import { objectIdOr404 } from "../access/scope";
import { BridgeInvalidError } from "../errors";
import { bridgeProblem } from "../instruments/bridge";
import { InstrumentVersion } from "../instruments/model";
import { getSnapshot } from "../instruments/service";
import { SurveyResponse } from "../responses/model";
import { compareBridgeArms } from "./bridge-comparison";
import type { BridgeComparison, BridgeInput, BridgeView } from "./bridge-schema";
import { Wave } from "./model";
import { waveInScope } from "./service";

type VersionLean = {
  _id: Types.ObjectId;
  key: string;
  version: number;
  snapshot?: { edition?: number };
};

const refOf = (v: VersionLean) => ({
  id: v._id.toHexString(),
  key: v.key,
  version: v.version,
  edition: v.snapshot?.edition ?? 1,
});

const FIELDS = { key: 1, version: 1, "snapshot.edition": 1 } as const;

type WaveLean = Awaited<ReturnType<typeof waveInScope>>["wave"];

async function viewOf(wave: WaveLean): Promise<BridgeView> {
  const own = (await InstrumentVersion.findById(wave.instrumentVersionId, FIELDS).lean())!;
  const earlier = await InstrumentVersion.find(
    { key: own.key, version: mongoose.trusted({ $lt: own.version }) },
    FIELDS,
  )
    .sort({ version: -1 })
    .lean();
  const old = wave.bridge
    ? earlier.find((v) => v._id.equals(wave.bridge!.instrumentVersionId))
    : undefined;
  return {
    waveId: wave._id.toHexString(),
    status: wave.status,
    version: refOf(own),
    bridge: old && wave.bridge ? { old: refOf(old), share: wave.bridge.share } : null,
    candidates: earlier.map(refOf),
    editable: wave.status === "draft",
  };
}

/** A wave's bridge, and the earlier versions it may name. */
export async function waveBridge(
  principal: Principal,
  slug: string,
  waveId: string,
): Promise<BridgeView> {
  return viewOf((await waveInScope(principal, slug, waveId)).wave);
}

/**
 * Sets or removes a wave's bridge. Only in a draft: arms changed during
 * fieldwork would leave a split that is no longer random over the wave.
 */
export async function setWaveBridge(
  principal: Principal,
  slug: string,
  waveId: string,
  input: BridgeInput,
): Promise<BridgeView> {
  const { wave } = await waveInScope(principal, slug, waveId);
  if (wave.status !== "draft") throw new BridgeInvalidError("notDraft");
  if (input.bridge) {
    const bridge = {
      instrumentVersionId: objectIdOr404(input.bridge.instrumentVersionId),
      share: input.bridge.share,
    };
    const problem = await bridgeProblem(wave.instrumentVersionId, bridge);
    if (problem) throw new BridgeInvalidError(problem);
    await Wave.updateOne({ _id: wave._id }, { $set: { bridge } });
  } else await Wave.updateOne({ _id: wave._id }, { $unset: { bridge: 1 } });
  return viewOf((await Wave.findById(wave._id).lean())!);
}

/**
 * The two arms of a bridged wave side by side, per changed item. A wave
 * without a bridge answers with no items (and bridged: false).
 */
export async function bridgeComparison(
  principal: Principal,
  slug: string,
  waveId: string,
  minCell: number,
): Promise<BridgeComparison> {
  const { wave } = await waveInScope(principal, slug, waveId);
  const main = await getSnapshot(wave.instrumentVersionId);
  const counts = { bridge: 0, main: 0 };
  if (!wave.bridge)
    return {
      waveId,
      bridged: false,
      share: null,
      minCell,
      arms: { bridge: { version: null, n: 0 }, main: { version: main.version, n: 0 } },
      items: [],
    };
  const old = await getSnapshot(wave.bridge.instrumentVersionId);
  const responses = await SurveyResponse.find(
    { waveId: wave._id },
    { arm: 1, answers: 1, _id: 0 },
  ).lean();
  for (const r of responses) if (r.arm === "bridge" || r.arm === "main") counts[r.arm]++;
  return {
    waveId,
    bridged: true,
    share: wave.bridge.share,
    minCell,
    arms: {
      bridge: { version: old.version, n: counts.bridge },
      main: { version: main.version, n: counts.main },
    },
    items: compareBridgeArms(
      old,
      main,
      responses as Array<{ arm?: string | null; answers: Record<string, unknown> }>,
      minCell,
    ),
  };
}
