import fs from "node:fs";
import path from "node:path";
import type mongoose from "mongoose";
import { Contact } from "../../server/distribution/contacts/model";
import { Invitation } from "../../server/distribution/invitations/model";
import { SmsMessage } from "../../server/distribution/queue/model";
import type { Respondent } from "./factory";

/**
 * The non-response fixture (test/analytics/fixtures/nonresponse-*.csv): a wave's
 * list of 130 invitations in their dispositions and its 69 respondents, whose
 * classes and weights are worked by hand and in R
 * (test/analytics/reference/nonresponse-dashboard.R).
 */
const fixtures = path.join(__dirname, "..", "analytics", "fixtures");

/** The rows of a fixture CSV file, header left out. */
export const csv = (file: string) =>
  fs
    .readFileSync(path.join(fixtures, file), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(","));

/** When the fixture's invitations were sent: an hour ago. */
export const at = new Date(Date.now() - 3_600_000);

/** The fixture's invitations, each in its disposition, with its contact. */
export async function invite(wave: {
  _id: mongoose.Types.ObjectId;
  authorityId: mongoose.Types.ObjectId;
}) {
  const rows = csv("nonresponse-invitations.csv");
  const contacts = await Contact.insertMany(
    rows.map(([language, neighbourhood], i) => ({
      authorityId: wave.authorityId,
      phoneSealed: `sealed-${i}`,
      phoneIndex: `index-${i}`,
      locale: language,
      ...(neighbourhood ? { neighbourhood } : {}),
    })),
  );
  const invitations = await Invitation.insertMany(
    rows.map(([language, neighbourhood, disposition], i) => ({
      authorityId: wave.authorityId,
      waveId: wave._id,
      contactId: contacts[i]!._id,
      tokenHash: `hash-${i}`,
      locale: language,
      ...(neighbourhood ? { neighbourhood } : {}),
      queuedAt: at,
      // Unknown: queued, never sent. Ineligible: the gateway bounced it.
      ...(disposition === "unknown" ? {} : { invitedAt: at }),
      ...(disposition === "ineligible" ? { bouncedAt: at } : {}),
      ...(disposition === "complete" ? { openedAt: at, startedAt: at, completedAt: at } : {}),
    })),
  );
  await SmsMessage.insertMany(
    invitations
      .filter((_, i) => rows[i]![2] === "non-contact")
      .map((inv) => ({
        authorityId: wave.authorityId,
        waveId: wave._id,
        invitationId: inv._id,
        contactId: inv.contactId,
        kind: "invitation",
        seq: 0,
        key: `key-${inv._id.toHexString()}`,
        status: "delivered",
        notBefore: at,
      })),
  );
  return { rows, contacts, invitations };
}

/** The fixture's respondents: the core instrument's scores are position + 1. */
export const respondentsOf = (withFrame: boolean): Respondent[] =>
  csv("nonresponse-respondents.csv").map(([language, neighbourhood, sex, score]) => ({
    position: Number(score) - 1,
    sex: Number(sex),
    age: 3,
    locale: language as "he" | "ar",
    channel: "sms",
    ...(withFrame ? { frame: { language: language!, neighbourhood: neighbourhood! } } : {}),
  }));
