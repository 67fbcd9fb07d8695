import crypto from "node:crypto";
import mongoose from "mongoose";
import type { Principal } from "../access/principal";
import { objectIdOr404, scopeFor } from "../access/scope";
import { authorityInScope } from "../authorities/in-scope";
import { audit } from "../audit/service";
import { hashToken, newToken } from "../auth/tokens";
import { NotFoundError, PairingCodeError } from "../errors";
import { KioskDevice } from "./model";
import { Wave } from "../waves/model";
import { offeredLanguages } from "../shared/wave-languages";
import { takePairingAttempt } from "./pairing-cap";

/** How long a pairing code works: long enough to walk to the tablet, short enough not to leak. */
export const PAIRING_TTL_MS = 15 * 60_000;

/** Eight digits: easy to type on a tablet; with the short life and rate limit, not guessable. */
function newPairingCode(): string {
  return crypto.randomInt(0, 100_000_000).toString().padStart(8, "0");
}

/** Fields that give a device a fresh pairing code. */
export function pairingFields() {
  const code = newPairingCode();
  return {
    code,
    expiresAt: new Date(Date.now() + PAIRING_TTL_MS),
    set: {
      pairingCodeHash: hashToken(`pair:${code}`),
      pairingExpiresAt: new Date(Date.now() + PAIRING_TTL_MS),
    },
  };
}

/** A new pairing code for a kiosk (a tablet replaced or reset); the old code stops working. */
export async function issuePairingCode(
  principal: Principal,
  slug: string,
  id: string,
  ip: string | undefined,
) {
  const authority = await authorityInScope(principal, slug);
  const { code, expiresAt, set } = pairingFields();
  const device = await KioskDevice.findOneAndUpdate(
    {
      _id: objectIdOr404(id),
      authorityId: authority._id,
      revokedAt: mongoose.trusted({ $exists: false }),
      ...scopeFor(principal),
    },
    { $set: set },
  ).lean();
  if (!device) throw new NotFoundError();
  await audit({
    action: "kiosk.pairing-code",
    actor: principal,
    target: { kind: "kiosk", id },
    authorityId: authority._id,
    ip,
  });
  return { pairingCode: code, pairingExpiresAt: expiresAt.toISOString() };
}

/**
 * Pairs a tablet: a valid code is consumed and the device gets a new token,
 * which replaces any earlier one (a lost tablet's token stops working).
 */
export async function pairKiosk(code: string, ip: string | undefined) {
  await takePairingAttempt();
  const token = newToken("kd_");
  const device = await KioskDevice.findOneAndUpdate(
    {
      pairingCodeHash: hashToken(`pair:${code}`),
      pairingExpiresAt: mongoose.trusted({ $gt: new Date() }),
      revokedAt: mongoose.trusted({ $exists: false }),
    },
    {
      $set: { tokenHash: hashToken(token), pairedAt: new Date() },
      $unset: { pairingCodeHash: 1, pairingExpiresAt: 1 },
    },
    { returnDocument: "after" },
  ).lean();
  if (!device) throw new PairingCodeError();
  const wave = await Wave.findById(device.waveId, { languages: 1 }).lean();
  await audit({
    action: "kiosk.paired",
    actor: { kind: "kiosk", id: device._id.toHexString(), role: "kiosk" },
    target: { kind: "kiosk", id: device._id.toHexString() },
    authorityId: device.authorityId,
    ip,
  });
  return {
    token,
    kiosk: {
      id: device._id.toHexString(),
      label: device.label,
      waveId: device.waveId.toHexString(),
    },
    // The first resident's language choice shows these before any survey is loaded.
    languages: offeredLanguages(wave?.languages),
  };
}
