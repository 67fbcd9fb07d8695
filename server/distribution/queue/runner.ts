import { audit } from "../../audit/service";
import type { Logger } from "pino";
import type { Config } from "../../config";
import type { FieldCipher } from "../../privacy/crypto";
import { Wave } from "../../waves/model";
import { httpProvider } from "../sms/http-provider";
import { outboxProvider } from "../sms/outbox";
import type { SmsProvider } from "../sms/provider";
import { queueReminders } from "./enqueue";
import { SendRate } from "./rate-limit";
import { processQueue, type QueueDeps } from "./worker";

/** The configured gateway: the local outbox by default, the HTTP adapter when set. */
export function providerFor(config: Pick<Config, "sms">, cipher: FieldCipher): SmsProvider {
  return config.sms.provider === "http" ? httpProvider(config.sms) : outboxProvider({ cipher });
}

/** Everything processQueue needs, from the configuration. */
export function queueDeps(config: Config, cipher: FieldCipher, base: string): QueueDeps {
  return {
    provider: providerFor(config, cipher),
    cipher,
    sender: config.sms.sender,
    linkSecret: config.linkSecret,
    publicBase: config.publicUrl ?? base,
    maxAttempts: config.sms.maxAttempts,
    retryBaseSeconds: config.sms.retryBaseSeconds,
    rate: new SendRate(config.sms.ratePerSecond),
  };
}

/** Queues due reminders of every open wave that sends SMS. */
export async function queueDueReminders(now = new Date()): Promise<number> {
  const waves = await Wave.find(
    { status: "open", channels: "sms" },
    { _id: 1, authorityId: 1, reminderDays: 1 },
  ).lean();
  let queued = 0;
  for (const wave of waves) {
    const count = await queueReminders(wave, now);
    // A send the system made on its own: audited like staff's sends, by the system.
    if (count > 0)
      await audit({
        action: "sms.reminders-queued",
        actor: undefined,
        target: { kind: "wave", id: wave._id.toHexString() },
        authorityId: wave.authorityId,
        details: { queued: count },
      });
    queued += count;
  }
  return queued;
}

/**
 * Runs the SMS queue in the background of the server process: every interval it
 * queues due reminders and sends what is due. One tick at a time; a tick that
 * fails is logged and the next one tries again. Returns a stop function.
 */
export function startSmsWorker(
  deps: QueueDeps,
  intervalMs: number,
  logger: Logger,
): () => Promise<void> {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = (async () => {
      try {
        const reminders = await queueDueReminders();
        const run = await processQueue(deps, 500);
        if (reminders > 0 || run.sent + run.failed + run.cancelled > 0)
          logger.info({ reminders, ...run }, "sms queue");
      } catch (err) {
        logger.error({ err }, "sms queue tick failed");
      } finally {
        running = null;
      }
    })();
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
