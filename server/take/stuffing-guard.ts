import crypto from "node:crypto";
import type { Types } from "mongoose";
import { ChallengeRequiredError, DeviceAnsweredError, DeviceTokenInvalidError } from "../errors";
import { createRateLimiter, type BucketStore, type RateLimiter } from "../middleware/rate-limit";
import { SurveyResponse } from "../responses/model";
import { OpenLinkDevice } from "./device-model";
import { proofHolds } from "./proof-of-work";

/**
 * Anti-stuffing of open links (issue 16, finding 5), built so that it never locks
 * a resident out: an open link's per-link request limit used to answer 429 to
 * everyone once a script had spent it. Instead:
 *
 * - every load of the survey hands out a signed device token, which the page
 *   keeps; a device token answers a wave once (a second response from it is
 *   refused with DEVICE_ALREADY_ANSWERED);
 * - once a link has had more than `challengeAfter` submissions in the window,
 *   each submission must carry a proof of work bound to its device token
 *   (CHALLENGE_REQUIRED tells the page to find one; it takes a phone about a
 *   second at the default difficulty): a script pays for every response, a
 *   resident waits a moment;
 * - responses that arrive in a burst (from one address past its share, while
 *   the link is past its threshold, sooner after the token was issued than
 *   anyone can answer, or without a device token at all) are stored but
 *   flagged; researchers see the counts and may exclude flagged responses.
 *
 * The counts are token buckets shared through the database, as the request
 * limits are, so several app servers count together.
 */
const WINDOW_MINUTES = 10;
/** Sooner than this after the survey was loaded, nobody has read and answered it. */
const MIN_SECONDS = 20;
const TOKEN_VERSION = "d1";

/** Why a response was flagged. */
export type BurstFlag = "address-burst" | "link-burst" | "too-fast" | "no-device";

/** The guard's settings (config.openLink); counts are per 10 minutes. */
export interface GuardSettings {
  challengeAfter: number;
  challengeBits: number;
  burstPerAddress: number;
}

/** What a submission shows of its device. */
export interface DeviceProof {
  token: string;
  proof?: string;
}

/** A submission let through: its flags, and how to give the device back if storing fails. */
export interface Admission {
  flags: BurstFlag[];
  release: () => Promise<void>;
}

/** The guard of one app: issues device tokens and admits submissions. */
export interface StuffingGuard {
  /** A fresh device token for a wave, with the difficulty of a proof when one is asked. */
  issue(waveId: Types.ObjectId): { token: string; bits: number };
  /** Checks a submission to an open link's wave; throws when it is refused. */
  admit(input: {
    waveId: Types.ObjectId;
    device: DeviceProof | undefined;
    address: string;
    submissionId: string;
  }): Promise<Admission>;
}

const noop = async () => {};

/** Makes the guard; `secret` keys the device tokens' signatures. */
export function createStuffingGuard(
  secret: string,
  settings: GuardSettings,
  options: { shared?: BucketStore; now?: () => number } = {},
): StuffingGuard {
  const now = options.now ?? Date.now;
  const key = crypto.createHmac("sha256", secret).update("open-link-device-tokens").digest();
  const sign = (payload: string) =>
    crypto.createHmac("sha256", key).update(payload).digest().subarray(0, 16).toString("base64url");
  const perMinute = (n: number) => n / WINDOW_MINUTES;
  const perLink: RateLimiter | undefined =
    settings.challengeAfter > 0
      ? createRateLimiter({
          perMinute: perMinute(settings.challengeAfter),
          burst: settings.challengeAfter,
          shared: options.shared,
          now,
        })
      : undefined;
  const perAddress = createRateLimiter({
    perMinute: perMinute(settings.burstPerAddress),
    burst: settings.burstPerAddress,
    shared: options.shared,
    now,
  });

  /** The second the token was issued, when it is ours and for this wave; else null. */
  const issuedAt = (token: string, waveId: Types.ObjectId): number | null => {
    const parts = token.split(".");
    if (parts.length !== 5 || parts[0] !== TOKEN_VERSION) return null;
    const [, wave, , issued, sig] = parts as [string, string, string, string, string];
    const expected = Buffer.from(sign(parts.slice(0, 4).join(".")));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
    if (wave !== waveId.toHexString()) return null;
    const seconds = parseInt(issued, 36);
    return Number.isFinite(seconds) ? seconds : null;
  };

  return {
    issue(waveId) {
      const payload = [
        TOKEN_VERSION,
        waveId.toHexString(),
        crypto.randomBytes(16).toString("base64url"),
        Math.floor(now() / 1000).toString(36),
      ].join(".");
      return { token: `${payload}.${sign(payload)}`, bits: settings.challengeBits };
    },

    async admit({ waveId, device, address, submissionId }) {
      const issued = device ? issuedAt(device.token, waveId) : null;
      if (device && issued === null) throw new DeviceTokenInvalidError();
      const busy = perLink ? perLink.take(`link:${waveId.toHexString()}`) > 0 : false;
      // Past the threshold only a device that did the work gets in; without a token there is
      // nothing to bind the work to, so the page must load the survey (and get one) first.
      if (busy && !(device && proofHolds(device.token, device.proof, settings.challengeBits)))
        throw new ChallengeRequiredError(settings.challengeBits);

      const flags: BurstFlag[] = [];
      if (perAddress.take(`addr:${waveId.toHexString()}:${address}`) > 0)
        flags.push("address-burst");
      if (busy) flags.push("link-burst");
      if (!device) flags.push("no-device");
      else if (Math.floor(now() / 1000) - issued! < MIN_SECONDS) flags.push("too-fast");
      if (!device) return { flags, release: noop };

      const _id = crypto.createHash("sha256").update(device.token).digest("base64url");
      try {
        await OpenLinkDevice.create({ _id });
      } catch (err) {
        if ((err as { code?: number }).code !== 11000) throw err;
        // The device answered before: a retry of that very submission is answered with the
        // stored response by the caller; any other submission from it is refused.
        if (await SurveyResponse.exists({ submissionId, waveId })) return { flags, release: noop };
        throw new DeviceAnsweredError();
      }
      return {
        flags,
        release: async () => {
          await OpenLinkDevice.deleteOne({ _id });
        },
      };
    },
  };
}
