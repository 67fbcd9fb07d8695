/**
 * `npm run bench:sms [-- --messages 5000]`: the SMS queue's own ceiling. N
 * invitations are queued and sent through processQueue to the local outbox
 * provider (which seals and stores each message) on a fresh embedded store,
 * with the rate limit set out of the way; a real gateway's contracted rate
 * (SMS_RATE_PER_SECOND) is normally far below this.
 */
import { parseArgs } from "node:util";
import { checkContacts } from "../../server/distribution/contacts/check";
import { readContactFile } from "../../server/distribution/contacts/file";
import { importContacts } from "../../server/distribution/contacts/import";
import { queueInvitations } from "../../server/distribution/queue/enqueue";
import { SmsMessage } from "../../server/distribution/queue/model";
import { SendRate } from "../../server/distribution/queue/rate-limit";
import { processQueue } from "../../server/distribution/queue/worker";
import { outboxProvider } from "../../server/distribution/sms/outbox";
import { createFieldCipher } from "../../server/privacy/crypto";
import { benchSmsWave } from "./sms-wave";

const { values } = parseArgs({ options: { messages: { type: "string", default: "5000" } } });
const N = Number(values.messages);
// A Wednesday noon in Israel: outside every quiet hour.
const NOON = new Date("2026-01-14T10:00:00Z");

async function main() {
  const { config, authority, wave, close } = await benchSmsWave("sms", "jewish", new Date(0));
  const cipher = createFieldCipher(config.dataKeys);
  const rows = Array.from(
    { length: N },
    (_, i) => `05${i % 9}${String(1_000_000 + i).slice(-7)},${i % 3 ? "he" : "ar"}`,
  );
  const check = checkContacts(
    await readContactFile(Buffer.from(`phone,language\n${rows.join("\n")}`)),
    "he",
  );
  await importContacts(
    check,
    { authorityId: authority._id, waveId: wave._id },
    { cipher, linkSecret: config.linkSecret },
  );

  const t0 = performance.now();
  const queued = await queueInvitations(wave, NOON);
  const t1 = performance.now();
  const run = await processQueue(
    {
      provider: outboxProvider({ cipher }),
      cipher,
      sender: "Bench",
      linkSecret: config.linkSecret,
      publicBase: "https://pulse.example.org.il",
      maxAttempts: 3,
      retryBaseSeconds: 60,
      rate: new SendRate(1_000_000),
      now: () => NOON,
    },
    N + 10,
  );
  const t2 = performance.now();
  const sent = await SmsMessage.countDocuments({ status: "sent" });
  console.log(`SMS queue, ${N.toLocaleString("en")} invitations, outbox provider, embedded store`);
  console.log(
    `  queue:  ${queued} in ${(t1 - t0).toFixed(0)} ms = ${Math.round(queued / ((t1 - t0) / 1000)).toLocaleString("en")} messages/s`,
  );
  console.log(
    `  send:   ${run.sent} in ${((t2 - t1) / 1000).toFixed(1)} s = ${Math.round(run.sent / ((t2 - t1) / 1000)).toLocaleString("en")} messages/s (one worker; sent in store: ${sent})`,
  );
  await close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
