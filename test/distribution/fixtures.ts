/**
 * Fixtures of distribution tests: SMS waves, contacts imported through the real
 * import path, personal links, signed webhook calls, kiosks with a pairing code.
 */
import { Types } from "mongoose";
import { Authority } from "../../server/authorities/model";
import type { Config } from "../../server/config";
import { checkContacts } from "../../server/distribution/contacts/check";
import { importContacts } from "../../server/distribution/contacts/import";
import { Invitation } from "../../server/distribution/invitations/model";
import { linkToken, linkTokenHash } from "../../server/distribution/links";
import { outboxProvider } from "../../server/distribution/sms/outbox";
import type { SmsProvider } from "../../server/distribution/sms/provider";
import { SendRate } from "../../server/distribution/queue/rate-limit";
import type { QueueDeps } from "../../server/distribution/queue/worker";
import { sign } from "../../server/distribution/webhooks/signature";
import { hashToken, newToken } from "../../server/auth/tokens";
import { KioskDevice } from "../../server/kiosk/model";
import { publishInstrument } from "../../server/instruments/service";
import { createFieldCipher } from "../../server/privacy/crypto";
import { Wave } from "../../server/waves/model";
import { defaultQuietHours } from "../../server/waves/lifecycle";

let counter = 0;
const next = () => `${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** An authority and an open wave taking SMS and kiosk answers. */
export async function makeSmsWave(
  options: {
    population?: "jewish" | "arab" | "mixed";
    status?: "draft" | "open" | "paused" | "closed";
    reminderDays?: number[];
    authorityId?: Types.ObjectId;
  } = {},
) {
  const population = options.population ?? "jewish";
  const authority = options.authorityId
    ? (await Authority.findById(options.authorityId))!
    : await Authority.create({
        slug: `sms-town-${next()}`,
        name: { he: "עיר בדיקה", ar: "مدينة اختبار", en: "Test town" },
        population,
      });
  const instrument = await publishInstrument("core");
  const wave = await Wave.create({
    authorityId: authority._id,
    instrumentVersionId: instrument.id,
    name: { he: "גל SMS", ar: "جولة SMS", en: "SMS wave" },
    kind: "baseline",
    status: options.status ?? "open",
    opensAt: new Date(Date.now() - 86_400_000),
    channels: ["sms", "kiosk"],
    reminderDays: options.reminderDays ?? [3, 7],
    quietHours: defaultQuietHours(authority.population),
  });
  return { authority, wave };
}

/** A CSV file of contacts from rows of [phone, language?, consent?]. */
export function contactsCsv(rows: Array<[string, string?, string?]>): Buffer {
  const lines = ["phone,language,panel", ...rows.map(([p, l = "", c = ""]) => `${p},${l},${c}`)];
  return Buffer.from(lines.join("\n"));
}

/** Imports contacts into a wave through the service the route uses. */
export async function importInto(
  config: Config,
  wave: { _id: Types.ObjectId; authorityId: Types.ObjectId },
  rows: Array<[string, string?, string?]>,
) {
  const { readContactFile } = await import("../../server/distribution/contacts/file");
  const check = checkContacts(await readContactFile(contactsCsv(rows)), "he");
  return importContacts(
    check,
    { authorityId: wave.authorityId, waveId: wave._id },
    { cipher: createFieldCipher(config.dataKeys), linkSecret: config.linkSecret },
  );
}

/** The personal link token of a contact's invitation, as the SMS carries it. */
export async function tokenOf(config: Config, invitationId: Types.ObjectId): Promise<string> {
  const inv = (await Invitation.findById(invitationId).lean())!;
  return linkToken(config.linkSecret, inv._id, inv.linkVersion);
}

/** A fresh contact invited to a wave, returning the link token. */
export async function newPersonalLink(
  config: Config,
  wave: { _id: Types.ObjectId | string; authorityId: Types.ObjectId },
): Promise<string> {
  const waveId = new Types.ObjectId(String(wave._id));
  const phone = `05${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
  await importInto(config, { _id: waveId, authorityId: wave.authorityId }, [[phone, "he", "yes"]]);
  const inv = (await Invitation.findOne({ waveId }).sort({ _id: -1 }).lean())!;
  const token = linkToken(config.linkSecret, inv._id, inv.linkVersion);
  expect(inv.tokenHash).toBe(linkTokenHash(token));
  return token;
}

/** Headers of a correctly signed webhook call for this body. */
export function signedHeaders(config: Config, body: unknown, at = Date.now()) {
  const timestamp = String(Math.floor(at / 1000));
  return {
    "Content-Type": "application/json",
    "X-KP-Timestamp": timestamp,
    "X-KP-Signature": sign(config.sms.webhookSecret, timestamp, JSON.stringify(body)),
  };
}

/** A kiosk of a wave with a pairing code ready to use. */
export async function kioskWithCode(authorityId: Types.ObjectId, waveId: Types.ObjectId | string) {
  const code = String(Math.floor(Math.random() * 1e8)).padStart(8, "0");
  const device = await KioskDevice.create({
    authorityId,
    waveId,
    label: "lobby",
    tokenHash: hashToken(newToken("kd_")),
    pairingCodeHash: hashToken(`pair:${code}`),
    pairingExpiresAt: new Date(Date.now() + 600_000),
  });
  return { id: device._id.toHexString(), code };
}

/** Queue dependencies over the outbox provider (or another), with time under the test's control. */
export function testQueueDeps(
  config: Config,
  overrides: Partial<QueueDeps> & { provider?: SmsProvider } = {},
): QueueDeps {
  const cipher = createFieldCipher(config.dataKeys);
  return {
    provider: outboxProvider({ cipher }),
    cipher,
    sender: "KehilaTest",
    linkSecret: config.linkSecret,
    publicBase: "https://pulse.example.org.il",
    maxAttempts: 3,
    retryBaseSeconds: 60,
    rate: new SendRate(1000),
    sleep: async () => {},
    ...overrides,
  };
}
