import type { Types } from "mongoose";
import { hashToken, newToken } from "../auth/tokens";
import { checkContacts } from "../distribution/contacts/check";
import { importContacts } from "../distribution/contacts/import";
import { KioskDevice } from "../kiosk/model";
import type { FieldCipher } from "../privacy/crypto";
import { Wave } from "../waves/model";

/**
 * Demo distribution for the demo's open wave: it also takes personal SMS links
 * and kiosk answers, six fictional contacts (numbers in 050-0000xxx, which no
 * operator issues) are invited in Hebrew, Arabic and English, and one kiosk is
 * registered (pair it from the workspace: a new pairing code is one click).
 * Nothing is sent: the local outbox provider stores what the queue sends.
 */
export async function ensureDemoDistribution(
  wave: { _id: Types.ObjectId; authorityId: Types.ObjectId },
  deps: { cipher: FieldCipher; linkSecret: string },
): Promise<{ contacts: number; kiosks: number }> {
  await Wave.updateOne(
    { _id: wave._id },
    { $addToSet: { channels: { $each: ["sms", "kiosk"] } }, $set: { targetCompletes: 400 } },
  );
  const contacts: Array<Record<string, string>> = [
    ["050-0000101", "he", "yes"],
    ["050-0000102", "he", "no"],
    ["050-0000103", "ar", "yes"],
    ["050-0000104", "ar", "no"],
    ["050-0000105", "en", "no"],
    ["050-0000106", "he", "yes"],
  ].map(([phone, language, panel]) => ({ phone: phone!, language: language!, panel: panel! }));
  const check = checkContacts(
    {
      columns: ["phone", "language", "panel"],
      rows: contacts.map((cells, i) => ({ line: i + 2, cells })),
    },
    "he",
  );
  const counts = await importContacts(
    check,
    { authorityId: wave.authorityId, waveId: wave._id },
    deps,
  );
  await KioskDevice.create({
    authorityId: wave.authorityId,
    waveId: wave._id,
    label: "לובי העירייה",
    tokenHash: hashToken(newToken("kd_")),
  });
  return { contacts: counts.created, kiosks: 1 };
}
