import { Types } from "mongoose";
import type { Principal } from "../access/principal";
import type { WaveStatus } from "../waves/lifecycle";
import { needsApproval } from "../waves/sms-proposal";
import type { WaveUpdate, WaveView } from "../waves/schema";
import { audit } from "./service";

/** The audit target and authority of a wave as the routes return it. */
function about(wave: WaveView) {
  return {
    target: { kind: "wave", id: wave.id },
    authorityId: new Types.ObjectId(wave.authority.id),
  };
}

/** New draft waves, one event per authority's wave. */
export async function auditWavesCreated(
  actor: Principal,
  waves: WaveView[],
  ip: string | undefined,
): Promise<void> {
  for (const wave of waves)
    await audit({
      action: "wave.created",
      actor,
      ...about(wave),
      ip,
      details: { instrument: wave.instrument.key, version: wave.instrument.version },
    });
}

/**
 * A change of a wave's settings: which fields changed, and, as an event of its
 * own, new SMS texts in full. They are staff's words sent to every resident of
 * the wave (a text rewritten into a scam must be traceable to who wrote it);
 * they hold no resident's data.
 */
export async function auditWaveUpdated(
  actor: Principal,
  wave: WaveView,
  change: WaveUpdate,
  ip: string | undefined,
): Promise<void> {
  // A coordinator's texts for a wave that has opened only wait for approval
  // (audited as sms.proposal-submitted by server/waves/sms-proposal.ts).
  const proposed = change.smsTemplates !== undefined && needsApproval(actor, wave.status);
  await audit({
    action: "wave.updated",
    actor,
    ...about(wave),
    ip,
    details: {
      fields: Object.keys(change).sort(),
      status: wave.status,
      ...(proposed ? { smsTemplatesProposed: true } : {}),
    },
  });
  if (change.smsTemplates && !proposed)
    await audit({
      action: "sms.templates-changed",
      actor,
      ...about(wave),
      ip,
      details: { templates: change.smsTemplates, status: wave.status },
    });
}

/** A wave moved along its life cycle. */
export async function auditWaveStatus(
  actor: Principal,
  wave: WaveView,
  to: WaveStatus,
  ip: string | undefined,
): Promise<void> {
  await audit({ action: "wave.status-changed", actor, ...about(wave), ip, details: { to } });
}
