import mongoose, { type Types } from "mongoose";
import { storedLocaleOf, type RespondentLocale } from "../../shared/locales";
import { offeredLanguages, servedLanguage } from "../../shared/wave-languages";
import { Authority } from "../../authorities/model";
import type { FieldCipher } from "../../privacy/crypto";
import { Wave } from "../../waves/model";
import { Contact, SEALED } from "../contacts/model";
import { isOptedOut } from "../contacts/opt-out-scope";
import { Invitation } from "../invitations/model";
import { linkToken, linkUrl } from "../links";
import { SmsSendError, type SmsProvider } from "../sms/provider";
import { countSegments } from "../../shared/sms/segments";
import { renderSms, transparencyUrl } from "../../shared/sms/templates";
import { SmsMessage } from "./model";
import type { QuietHours } from "./quiet-hours";
import { restSpans } from "./rest-calendar";
import { sendWindow, type HoldReason } from "./send-window";
import type { SendRate } from "./rate-limit";

/** What the worker needs; `now` and `sleep` are injectable so tests control time. */
export interface QueueDeps {
  provider: SmsProvider;
  cipher: FieldCipher;
  sender: string;
  linkSecret: string;
  publicBase: string;
  maxAttempts: number;
  retryBaseSeconds: number;
  rate: SendRate;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/** How long a claimed message is ours; past it, a crashed worker's claim is taken over. */
const LEASE_MS = 5 * 60_000;
/** A paused wave's messages look again after this. */
const PAUSED_RETRY_MS = 15 * 60_000;

export interface QueueRun {
  sent: number;
  deferred: number;
  cancelled: number;
  failed: number;
  retried: number;
}

/**
 * Puts back messages whose worker died while sending them (lease expired): they
 * go again with the same reference, which a gateway that deduplicates by client
 * reference (and the outbox) accepts once.
 */
async function releaseExpired(now: Date): Promise<void> {
  await SmsMessage.updateMany(
    { status: "sending", leaseUntil: mongoose.trusted({ $lt: now }) },
    { $set: { status: "queued" }, $unset: { leaseUntil: 1 } },
  );
}

/** Due messages are looked up this many at a time, then claimed one by one. */
const CLAIM_BATCH = 100;

/** Ids of due messages, oldest first: a candidate list, claimed one at a time after. */
async function dueIds(now: Date, limit: number) {
  const due = await SmsMessage.find(
    { status: "queued", notBefore: mongoose.trusted({ $lte: now }) },
    { _id: 1 },
  )
    .sort({ notBefore: 1 })
    .limit(limit)
    .lean();
  return due.map((d) => d._id);
}

/** Claims one message if it is still queued, atomically: no other worker can claim it too. */
async function claim(id: Types.ObjectId, now: Date) {
  return SmsMessage.findOneAndUpdate(
    { _id: id, status: "queued" },
    {
      $set: { status: "sending", leaseUntil: new Date(now.getTime() + LEASE_MS) },
      $inc: { attempts: 1 },
    },
    { returnDocument: "after" },
  ).lean();
}

type Claimed = NonNullable<Awaited<ReturnType<typeof claim>>>;

const settle = (id: Types.ObjectId, set: Record<string, unknown>, inc?: Record<string, number>) =>
  SmsMessage.updateOne(
    { _id: id },
    {
      $set: set,
      // A hold's reason lives only as long as the hold: any other outcome clears it.
      $unset: { leaseUntil: 1, ...("heldReason" in set ? {} : { heldReason: 1 }) },
      ...(inc ? { $inc: inc } : {}),
    },
  );

/**
 * Sends due messages until none is due or `limit` were handled. Checks, in
 * order: the wave still takes answers, the contact has not opted out, a reminder
 * is still wanted, quiet hours (deferred to their end, no attempt used), the
 * send rate; then sends, and retries transient failures with exponential backoff.
 */
export async function processQueue(deps: QueueDeps, limit = 1000): Promise<QueueRun> {
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const run: QueueRun = { sent: 0, deferred: 0, cancelled: 0, failed: 0, retried: 0 };
  const waves = new Map<string, Awaited<ReturnType<typeof loadWave>>>();
  await releaseExpired(now());
  let handled = 0;
  while (handled < limit) {
    const ids = await dueIds(now(), Math.min(CLAIM_BATCH, limit - handled));
    if (ids.length === 0) break;
    for (const id of ids) {
      const message = await claim(id, now());
      if (!message) continue; // another worker took it
      handled += 1;
      const key = message.waveId.toHexString();
      if (!waves.has(key)) waves.set(key, await loadWave(message.waveId));
      await handle(message, waves.get(key)!, deps, now, sleep, run);
    }
  }
  return run;
}

async function loadWave(waveId: Types.ObjectId) {
  const wave = await Wave.findById(waveId).lean();
  const authority = wave
    ? await Authority.findById(wave.authorityId, {
        name: 1,
        population: 1,
        observedHolidays: 1,
        location: 1,
      }).lean()
    : null;
  return { wave, authority };
}

async function handle(
  message: Claimed,
  { wave, authority }: Awaited<ReturnType<typeof loadWave>>,
  deps: QueueDeps,
  now: () => Date,
  sleep: (ms: number) => Promise<void>,
  run: QueueRun,
): Promise<void> {
  const cancel = async (reason: string) => {
    run.cancelled += 1;
    await settle(message._id, { status: "cancelled", cancelReason: reason });
  };
  const defer = async (until: Date, heldReason: HoldReason) => {
    run.deferred += 1;
    await settle(message._id, { status: "queued", notBefore: until, heldReason }, { attempts: -1 });
  };
  if (!wave || !authority || wave.status === "closed") return cancel("wave-closed");
  if (wave.closesAt && wave.closesAt.getTime() <= now().getTime()) return cancel("wave-closed");
  if (wave.status !== "open") return defer(new Date(now().getTime() + PAUSED_RETRY_MS), "paused");

  const [invitation, contact] = await Promise.all([
    Invitation.findById(message.invitationId).lean(),
    Contact.findById(message.contactId).lean(),
  ]);
  if (!invitation || !contact) return cancel("contact-removed");
  if (contact.optedOutAt || (await isOptedOut(contact.phoneIndex, contact.authorityId)))
    return cancel("opted-out");
  if (invitation.bouncedAt) return cancel("bounced");
  if (invitation.completedAt) return cancel("completed");

  // The weekly quiet hours and the locality's calendar: Shabbat to its nightfall, holidays.
  const quiet = wave.quietHours as QuietHours;
  const spans = restSpans(
    {
      population: authority.population,
      observedHolidays: authority.observedHolidays,
      location: authority.location,
      ...quiet,
    },
    now(),
    30,
  );
  const window = sendWindow(now(), quiet, spans);
  if (window.reason) return defer(window.at, window.reason);

  for (let wait = deps.rate.take(); wait > 0; wait = deps.rate.take()) await sleep(wait);

  const token = linkToken(deps.linkSecret, invitation._id, invitation.linkVersion);
  // The SMS speaks a stored-text language (a Russian reader gets Hebrew, as stored texts
  // fall back); the link opens the survey in the resident's own language. A language
  // the wave stopped offering after the import is the authority's default, as the link is.
  const served = servedLanguage(
    invitation.locale as RespondentLocale,
    offeredLanguages(wave.languages),
    authority.population,
  );
  const smsLocale = storedLocaleOf(served);
  const text = renderSms(
    message.kind as "invitation" | "reminder",
    smsLocale,
    (wave.smsTemplates as Record<string, Record<string, string>> | undefined)?.[message.kind],
    {
      link: linkUrl(deps.publicBase, token),
      authority: authority.name[smsLocale],
      wave: wave.name[smsLocale],
      transparency: transparencyUrl(deps.publicBase, authority.slug),
    },
  );
  try {
    const { providerId } = await deps.provider.send({
      to: deps.cipher.decrypt(contact.phoneSealed, SEALED.phone),
      text,
      reference: message.key,
      sender: deps.sender,
    });
    const at = now();
    await settle(message._id, {
      status: "sent",
      providerId,
      sentAt: at,
      segments: countSegments(text).segments,
    });
    await Invitation.updateOne(
      { _id: invitation._id, invitedAt: mongoose.trusted({ $exists: false }) },
      { $set: { invitedAt: at } },
    );
    run.sent += 1;
  } catch (err) {
    const permanent = err instanceof SmsSendError && err.permanent;
    const error = (err as Error).message.slice(0, 200);
    if (permanent) {
      run.failed += 1;
      await settle(message._id, { status: "bounced", lastError: error });
      await Invitation.updateOne({ _id: invitation._id }, { $set: { bouncedAt: now() } });
    } else if (message.attempts >= deps.maxAttempts) {
      run.failed += 1;
      await settle(message._id, { status: "failed", lastError: error });
    } else {
      run.retried += 1;
      const backoff = deps.retryBaseSeconds * 1000 * 2 ** (message.attempts - 1);
      await settle(message._id, {
        status: "queued",
        lastError: error,
        notBefore: new Date(now().getTime() + backoff),
      });
    }
  }
}
