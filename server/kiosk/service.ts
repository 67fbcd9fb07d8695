import type { Types } from "mongoose";
import type { KioskPrincipal, Principal } from "../access/principal";
import { objectIdOr404, scopeFor } from "../access/scope";
import { authorityInScope } from "../authorities/in-scope";
import { audit } from "../audit/service";
import { hashToken, newToken } from "../auth/tokens";
import { NotFoundError } from "../errors";
import { cleanText } from "../shared/text";
import { SurveyResponse } from "../responses/model";
import { Wave } from "../waves/model";
import { KioskDevice } from "./model";
import { pairingFields } from "./pairing";

/** The device behind a bearer token, or null when unknown or revoked. */
export async function resolveKioskToken(token: string): Promise<KioskPrincipal | null> {
  const device = await KioskDevice.findOne({ tokenHash: hashToken(token) }).lean();
  if (!device || device.revokedAt) return null;
  return {
    kind: "kiosk",
    id: device._id.toHexString(),
    role: "kiosk",
    authorityId: device.authorityId,
    waveId: device.waveId,
  };
}

function present(d: {
  _id: Types.ObjectId;
  label: string;
  waveId: Types.ObjectId;
  revokedAt?: Date | null;
  createdAt?: Date;
  pairedAt?: Date | null;
  lastSeenAt?: Date | null;
  queuedAnswers?: number | null;
  queueReportedAt?: Date | null;
}) {
  return {
    id: d._id.toHexString(),
    label: d.label,
    waveId: d.waveId.toHexString(),
    revoked: Boolean(d.revokedAt),
    createdAt: (d.createdAt ?? new Date(0)).toISOString(),
    pairedAt: d.pairedAt ? d.pairedAt.toISOString() : null,
    lastSeenAt: d.lastSeenAt ? d.lastSeenAt.toISOString() : null,
    queuedAnswers: d.queuedAnswers ?? null,
    queueReportedAt: d.queueReportedAt ? d.queueReportedAt.toISOString() : null,
  };
}

/** Kiosks of an authority the caller may see. */
export async function listKiosks(principal: Principal, slug: string) {
  const authority = await authorityInScope(principal, slug);
  const devices = await KioskDevice.find({ authorityId: authority._id, ...scopeFor(principal) })
    .sort({ createdAt: -1 })
    .lean();
  return devices.map(present);
}

/**
 * Registers a kiosk for one wave of the authority. It returns, once, a pairing
 * code to type on the tablet (which then gets its own token) and, for scripted
 * set-ups, a device token; only hashes of both are kept. Pairing replaces the token.
 */
export async function createKiosk(
  principal: Principal,
  slug: string,
  input: { label: string; waveId: string },
  ip: string | undefined,
) {
  const authority = await authorityInScope(principal, slug);
  const wave = await Wave.findOne({
    _id: objectIdOr404(input.waveId),
    authorityId: authority._id,
  }).lean();
  if (!wave) throw new NotFoundError();
  const token = newToken("kd_");
  const pairing = pairingFields();
  const device = await KioskDevice.create({
    authorityId: authority._id,
    waveId: wave._id,
    label: cleanText(input.label).trim(),
    tokenHash: hashToken(token),
    ...pairing.set,
  });
  await audit({
    action: "kiosk.created",
    actor: principal,
    target: { kind: "kiosk", id: device._id.toHexString() },
    authorityId: authority._id,
    ip,
  });
  return {
    ...present(device),
    token,
    pairingCode: pairing.code,
    pairingExpiresAt: pairing.expiresAt.toISOString(),
  };
}

/** Revokes a kiosk: its token stops working at once. */
export async function revokeKiosk(
  principal: Principal,
  slug: string,
  id: string,
  ip: string | undefined,
) {
  const authority = await authorityInScope(principal, slug);
  const device = await KioskDevice.findOneAndUpdate(
    { _id: objectIdOr404(id), authorityId: authority._id, ...scopeFor(principal) },
    { $set: { revokedAt: new Date() } },
    { returnDocument: "after" },
  ).lean();
  if (!device) throw new NotFoundError();
  await audit({
    action: "kiosk.revoked",
    actor: principal,
    target: { kind: "kiosk", id },
    authorityId: authority._id,
    ip,
  });
  return present(device);
}

/**
 * Notes on a response the kiosk it was made at, and on the kiosk when it last
 * sent one. A second write after the response is stored, so the shared submit
 * path stays channel-agnostic.
 */
export async function recordDevice(responseId: string, deviceId: string): Promise<void> {
  await SurveyResponse.updateOne({ _id: responseId }, { $set: { deviceId } });
  await KioskDevice.updateOne({ _id: deviceId }, { $set: { lastSeenAt: new Date() } });
}

/**
 * What a tablet reports on its regular calls: that it is alive, and how many
 * answers wait in its offline queue. The workspace shows both ("last seen",
 * "queued answers"), so a coordinator sees a kiosk that has gone offline or
 * whose answers are not getting through.
 */
export async function recordHeartbeat(deviceId: string, queued?: number): Promise<Date> {
  const at = new Date();
  await KioskDevice.updateOne(
    { _id: deviceId },
    {
      $set: {
        lastSeenAt: at,
        ...(queued === undefined ? {} : { queuedAnswers: queued, queueReportedAt: at }),
      },
    },
  );
  return at;
}
