/**
 * The open link's device token (server/take/stuffing-guard.ts): the first token the
 * server hands this device for a wave is kept in localStorage and sent with the
 * answers, so the device answers the wave once. When the link is busy the server
 * answers CHALLENGE_REQUIRED and the page finds the small proof of work in the
 * browser (proof-of-work.ts), saying "checking…" meanwhile, and sends again.
 */
import { ApiError, postJson } from "../shared/api";
import { findProof } from "./proof-of-work";

export interface DeviceGrant {
  token: string;
  bits: number;
}

const key = (waveId: string) => `kp:device:${waveId}`;

/** The device token to answer this wave with: the one kept from before, else the new one (kept). */
export function deviceFor(open: object & { wave: { id: string } }): DeviceGrant | null {
  const grant = (open as { device?: DeviceGrant }).device;
  if (!grant) return null; // a personal link: the link itself is the resident's
  try {
    const kept = window.localStorage.getItem(key(open.wave.id));
    if (kept) return { token: kept, bits: grant.bits };
    window.localStorage.setItem(key(open.wave.id), grant.token);
  } catch {
    // storage disabled (private mode): this page's token still answers once
  }
  return grant;
}

/**
 * Posts the answers with the device's token; asked for a proof of work, finds it
 * (calling `checking(true)` then `checking(false)`) and posts again once.
 */
export async function postWithDevice<T>(
  url: string,
  body: object,
  device: DeviceGrant | null,
  checking: (on: boolean) => void,
): Promise<T> {
  if (!device) return postJson<T>(url, body);
  try {
    return await postJson<T>(url, { ...body, device: { token: device.token } });
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== "CHALLENGE_REQUIRED") throw err;
  }
  checking(true);
  let proof: string;
  try {
    proof = await findProof(device.token, device.bits);
  } finally {
    checking(false);
  }
  return postJson<T>(url, { ...body, device: { token: device.token, proof } });
}
