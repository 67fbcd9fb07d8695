/**
 * Role × route cases of the waves and distribution routes, spliced into
 * test/helpers/route-table.ts so the access matrix and the fuzz test cover them.
 */
import { Types } from "mongoose";
import { loadConfig } from "../../server/config";
import { ContactImport } from "../../server/distribution/contacts/import-model";
import { Contact, OptOut } from "../../server/distribution/contacts/model";
import { Invitation } from "../../server/distribution/invitations/model";
import { Wave } from "../../server/waves/model";
import type { RouteCase, Target } from "../helpers/route-table";
import { TEST_SECRETS } from "../helpers/store";
import type { World } from "../helpers/world";
import {
  contactsCsv,
  kioskWithCode,
  makeSmsWave,
  newPersonalLink,
  signedHeaders,
} from "./fixtures";

// The test store's configuration: the same secrets (links, webhooks) as the app's.
const config = loadConfig({ NODE_ENV: "test", ...TEST_SECRETS });

const READERS = ["admin", "researcher", "authority-analyst", "authority-coordinator"] as const;
const RUNNERS = ["admin", "researcher", "authority-coordinator"] as const;
/** Contacts and kiosks: whoever runs the fieldwork. */
const FIELDWORK = RUNNERS;

const wavePath = (w: World, t: Target) => `/api/authorities/${w[t].slug}/waves/${w[t].waveId}`;
const waveOf = async (w: World, t: Target) => (await Wave.findById(w[t].waveId).lean())!;
const csv = () => contactsCsv([["050-1234567", "he", "yes"], ["02-6234567"]]).toString("base64");

/** A fresh SMS wave in the target's authority (sending needs an open SMS wave). */
async function smsWave(w: World, t: Target) {
  const { wave } = await makeSmsWave({ authorityId: w[t].authorityId });
  return wave;
}

/** A fresh contact invited to the target's wave: its id. */
async function invitedContact(w: World, t: Target): Promise<string> {
  await newPersonalLink(config, { _id: w[t].waveId, authorityId: w[t].authorityId });
  const inv = (await Invitation.findOne({ waveId: w[t].waveId }).sort({ _id: -1 }).lean())!;
  return inv.contactId.toHexString();
}

export const DISTRIBUTION_CASES: RouteCase[] = [
  {
    method: "get",
    path: "/api/authorities/{slug}/waves",
    allowed: READERS,
    scoped: true,
    build: async (w, t) => ({ path: `/api/authorities/${w[t].slug}/waves` }),
  },
  {
    method: "post",
    path: "/api/waves",
    allowed: ["admin", "researcher"],
    build: async (w) => ({
      path: "/api/waves",
      body: {
        authorities: [w.own.slug, w.other.slug],
        instrumentVersionId: (await waveOf(w, "own")).instrumentVersionId.toHexString(),
        kind: "follow-up",
        name: { he: "גל המשך", ar: "جولة متابعة", en: "Follow-up" },
        opensAt: new Date().toISOString(),
      },
    }),
  },
  {
    method: "get",
    path: "/api/authorities/{slug}/waves/{waveId}",
    allowed: READERS,
    scoped: true,
    build: async (w, t) => ({ path: wavePath(w, t) }),
  },
  {
    method: "patch",
    path: "/api/authorities/{slug}/waves/{waveId}",
    allowed: RUNNERS,
    scoped: true,
    build: async (w, t) => ({
      path: wavePath(w, t),
      body: { targetCompletes: 400, reminderDays: [3, 7] },
    }),
  },
  {
    method: "post",
    path: "/api/authorities/{slug}/waves/{waveId}/status",
    allowed: RUNNERS,
    scoped: true,
    build: async (w, t) => {
      // A draft that passes the readiness checklist: an open-link wave with its own slug.
      const id = new Types.ObjectId();
      const wave = await Wave.create({
        ...(await waveOf(w, t)),
        _id: id,
        status: "draft",
        openLinkSlug: `ready-${id.toHexString()}`,
      });
      return {
        path: `/api/authorities/${w[t].slug}/waves/${wave._id}/status`,
        body: { status: "open" },
      };
    },
  },
  {
    method: "post",
    path: "/api/authorities/{slug}/waves/{waveId}/contact-imports/check",
    allowed: FIELDWORK,
    scoped: true,
    build: async (w, t) => ({
      path: `${wavePath(w, t)}/contact-imports/check`,
      body: { content: csv() },
    }),
  },
  {
    method: "post",
    path: "/api/authorities/{slug}/waves/{waveId}/contact-imports",
    allowed: FIELDWORK,
    scoped: true,
    build: async (w, t) => ({
      path: `${wavePath(w, t)}/contact-imports`,
      body: { filename: "contacts.csv", content: csv() },
    }),
  },
  {
    method: "get",
    path: "/api/authorities/{slug}/waves/{waveId}/contact-imports/{importId}",
    allowed: FIELDWORK,
    scoped: true,
    build: async (w, t) => {
      const job = await ContactImport.create({
        authorityId: w[t].authorityId,
        waveId: w[t].waveId,
        status: "done",
      });
      return { path: `${wavePath(w, t)}/contact-imports/${job._id}` };
    },
  },
  {
    method: "get",
    path: "/api/authorities/{slug}/waves/{waveId}/contacts",
    allowed: FIELDWORK,
    scoped: true,
    build: async (w, t) => ({ path: `${wavePath(w, t)}/contacts?limit=10` }),
  },
  {
    method: "post",
    path: "/api/authorities/{slug}/contacts/{contactId}/reveal",
    allowed: ["admin", "authority-coordinator"],
    scoped: true,
    build: async (w, t) => {
      await newPersonalLink(config, { _id: w[t].waveId, authorityId: w[t].authorityId });
      const inv = (await Invitation.findOne({ authorityId: w[t].authorityId }).lean())!;
      return { path: `/api/authorities/${w[t].slug}/contacts/${inv.contactId}/reveal` };
    },
  },
  {
    method: "post",
    path: "/api/authorities/{slug}/contacts/{contactId}/opt-out",
    allowed: FIELDWORK,
    scoped: true,
    build: async (w, t) => ({
      path: `/api/authorities/${w[t].slug}/contacts/${await invitedContact(w, t)}/opt-out`,
    }),
  },
  {
    method: "post",
    path: "/api/authorities/{slug}/contacts/{contactId}/opt-out/undo",
    allowed: FIELDWORK,
    scoped: true,
    build: async (w, t) => {
      // A staff opt-out of this authority: the only kind staff may undo.
      const id = await invitedContact(w, t);
      const contact = (await Contact.findById(id).lean())!;
      await OptOut.create({
        phoneIndex: contact.phoneIndex,
        at: new Date(),
        source: "staff",
        authorityId: w[t].authorityId,
      });
      await Contact.updateOne({ _id: id }, { $set: { optedOutAt: new Date() } });
      return { path: `/api/authorities/${w[t].slug}/contacts/${id}/opt-out/undo` };
    },
  },
  ...(["resend", "reissue-link"] as const).map((action): RouteCase => ({
    method: "post",
    path: `/api/authorities/{slug}/waves/{waveId}/contacts/{contactId}/${action}`,
    allowed: FIELDWORK,
    scoped: true,
    build: async (w, t) => {
      // A fresh contact of a fresh open SMS wave: nothing queued to it yet.
      const wave = await smsWave(w, t);
      await newPersonalLink(config, wave);
      const inv = (await Invitation.findOne({ waveId: wave._id }).lean())!;
      return {
        path: `/api/authorities/${w[t].slug}/waves/${wave._id}/contacts/${inv.contactId}/${action}`,
      };
    },
  })),
  {
    method: "post",
    path: "/api/authorities/{slug}/waves/{waveId}/invitations/send",
    allowed: RUNNERS,
    scoped: true,
    build: async (w, t) => ({
      path: `/api/authorities/${w[t].slug}/waves/${(await smsWave(w, t))._id}/invitations/send`,
    }),
  },
  {
    method: "get",
    path: "/api/authorities/{slug}/waves/{waveId}/send-schedule",
    allowed: RUNNERS,
    scoped: true,
    build: async (w, t) => ({ path: `${wavePath(w, t)}/send-schedule` }),
  },
  {
    method: "post",
    path: "/api/authorities/{slug}/waves/{waveId}/sms-preview",
    allowed: RUNNERS,
    scoped: true,
    build: async (w, t) => ({
      path: `${wavePath(w, t)}/sms-preview`,
      body: { kind: "invitation", locale: "ar" },
    }),
  },
  {
    method: "get",
    path: "/api/authorities/{slug}/sms-outbox",
    allowed: RUNNERS,
    scoped: true,
    build: async (w, t) => ({
      path: `/api/authorities/${w[t].slug}/sms-outbox?wave=${w[t].waveId}&status=queued&page=1&limit=5`,
    }),
  },
  {
    method: "get",
    path: "/api/authorities/{slug}/waves/{waveId}/monitoring",
    allowed: RUNNERS,
    scoped: true,
    build: async (w, t) => ({ path: `${wavePath(w, t)}/monitoring` }),
  },
  {
    method: "get",
    path: "/api/monitoring/waves",
    allowed: RUNNERS,
    build: async () => ({ path: "/api/monitoring/waves?status=running" }),
  },
  {
    method: "get",
    path: "/api/r/{token}",
    allowed: "public",
    build: async (w, t) => ({
      path: `/api/r/${await newPersonalLink(config, { _id: w[t].waveId, authorityId: w[t].authorityId })}`,
    }),
  },
  {
    method: "post",
    path: "/api/r/{token}/progress",
    allowed: "public",
    build: async (w, t) => ({
      path: `/api/r/${await newPersonalLink(config, { _id: w[t].waveId, authorityId: w[t].authorityId })}/progress`,
      body: { answers: { consent: true }, pageNo: 1 },
    }),
  },
  {
    method: "post",
    path: "/api/r/{token}/responses",
    allowed: "public",
    build: async (w, t) => ({
      path: `/api/r/${await newPersonalLink(config, { _id: w[t].waveId, authorityId: w[t].authorityId })}/responses`,
      body: w.validSubmission(),
    }),
  },
  {
    method: "post",
    path: "/api/webhooks/sms/receipts",
    allowed: "public",
    build: async () => {
      const body = { reference: `${new Types.ObjectId().toHexString()}:0`, status: "delivered" };
      return { path: "/api/webhooks/sms/receipts", body, headers: signedHeaders(config, body) };
    },
  },
  {
    method: "post",
    path: "/api/webhooks/sms/inbound",
    allowed: "public",
    build: async () => {
      const body = { from: "0501234567", text: "thanks" };
      return { path: "/api/webhooks/sms/inbound", body, headers: signedHeaders(config, body) };
    },
  },
  {
    method: "post",
    path: "/api/authorities/{slug}/kiosks/{id}/pairing-code",
    allowed: FIELDWORK,
    scoped: true,
    build: async (w, t) => ({
      path: `/api/authorities/${w[t].slug}/kiosks/${await w.newKiosk(w[t].authorityId, w[t].waveId)}/pairing-code`,
    }),
  },
  {
    method: "post",
    path: "/api/kiosk/heartbeat",
    allowed: ["kiosk"],
    build: async () => ({ path: "/api/kiosk/heartbeat", body: { queued: 2 } }),
  },
  {
    method: "post",
    path: "/api/kiosk/pair",
    allowed: "public",
    build: async (w) => ({
      path: "/api/kiosk/pair",
      body: { code: (await kioskWithCode(w.own.authorityId, w.own.waveId)).code },
    }),
  },
];
