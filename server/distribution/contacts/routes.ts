import { z } from "zod";
import { RESPONDENT_LOCALES } from "../../shared/locales";
import type { Config } from "../../config";
import { ContactsFileError } from "../../errors";
import { defineRoute } from "../../http/route";
import type { FieldCipher } from "../../privacy/crypto";
import { waveParams } from "../../waves/schema";
import { CONTACT_HANDLERS as HANDLERS, NUMBER_REVEALERS } from "../../shared/contact-access";
import { CONTACT_STATUSES, listContacts } from "./list";
import { optOutContact, undoOptOut } from "./opt-out";
import { RESEND_WINDOW_MINUTES, reissueLink, resendLink } from "./resend";
import { getImport, preflight, revealContact, startImport } from "./service";
import { langQuery, objectId } from "../../shared/schemas";

/** Path of the import routes; app.ts gives them a larger body limit than the rest of the API. */
export const CONTACT_IMPORT_PATHS = "/api/authorities/:slug/waves/:waveId/contact-imports";

export const contactFileSchema = z.object({
  // Letters, digits and the usual punctuation of file names: no paths, quotes or controls.
  filename: z
    .string()
    .regex(/^[\p{L}\p{N} ._()-]{1,200}$/u)
    .optional(),
  content: z.base64().min(4).describe("The CSV (UTF-8 or windows-1255) or XLSX file, base64"),
});

const rowIssue = z.object({ line: z.number().int(), reason: z.string(), value: z.string() });
const duplicate = z.object({ line: z.number().int(), firstLine: z.number().int() });

export const checkReportSchema = z.object({
  columns: z
    .record(z.string(), z.string().optional())
    .describe("Which file column holds each field"),
  ignored: z.array(z.string()).describe("Headers no field reads: their values are not imported"),
  total: z.number().int(),
  valid: z.number().int(),
  byLocale: z.record(z.string(), z.number().int()),
  panelConsents: z.number().int(),
  invalid: z
    .array(rowIssue)
    .describe("Per row: phone problems (not-israeli, landline, wrong-length…), consent, opted-out"),
  duplicates: z.array(duplicate),
  warnings: z
    .array(rowIssue)
    .describe(
      "Imported with a change: language-default (language not understood), language-not-offered (a language the wave does not offer: the authority's default instead)",
    ),
});

export const importSchema = z.object({
  id: z.string(),
  status: z.enum(["processing", "done", "failed"]),
  filename: z.string().nullable(),
  total: z.number().int().describe("Valid rows to write"),
  processed: z.number().int(),
  created: z.number().int(),
  existing: z.number().int(),
  invited: z.number().int(),
  optedOut: z.number().int(),
  invalid: z.array(rowIssue),
  duplicates: z.array(duplicate),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});

const contactRowSchema = z.object({
  id: z.string(),
  phone: z.string().describe("Masked: operator prefix and last two digits (050-***-**67)"),
  locale: z.enum(RESPONDENT_LOCALES),
  neighbourhood: z.string().nullable(),
  panelConsent: z.boolean(),
  status: z.enum(CONTACT_STATUSES),
  optedOut: z.boolean(),
  optOutBy: z
    .enum(["resident", "staff", "other-authority"])
    .nullable()
    .describe("Who opted out: only this authority's staff opt-out can be undone"),
  invitedAt: z.iso.datetime().nullable(),
  bouncedAt: z.iso.datetime().nullable(),
  resentAt: z.iso.datetime().nullable().describe("When staff last queued the link again"),
  linkReissuedAt: z.iso.datetime().nullable().describe("When staff last made a new link"),
});

const optOutStateSchema = z.object({
  id: z.string(),
  optedOut: z.boolean(),
  optOutBy: z.enum(["resident", "staff", "other-authority"]).nullable(),
});

const contactParams = z.object({ slug: waveParams.shape.slug, contactId: objectId });

const linkSentSchema = z.object({
  id: z.string(),
  queuedAt: z.iso.datetime().describe("When the SMS was queued (it leaves outside quiet hours)"),
  resends: z.number().int().describe("How often staff queued this link again"),
  linkVersion: z.number().int().describe("Bumped by each reissue"),
});

const refusals =
  `409: RESEND_OPTED_OUT, RESEND_WAVE_NOT_OPEN, RESEND_COMPLETED, RESEND_BOUNCED, ` +
  `RESEND_TOO_SOON (a message was queued to the number in the last ${RESEND_WINDOW_MINUTES} minutes)`;

const decode = (content: string) => {
  const bytes = Buffer.from(content, "base64");
  if (bytes.length === 0) throw new ContactsFileError("empty");
  return bytes;
};

/** Contacts of a wave: pre-flight check, import with progress, masked list, audited reveal. */
export function contactRoutes(config: Config, cipher: FieldCipher) {
  const deps = { cipher, linkSecret: config.linkSecret };
  return [
    defineRoute({
      method: "post",
      path: `${CONTACT_IMPORT_PATHS}/check`,
      summary:
        "Pre-flight report of a contacts file (valid, invalid with reasons, duplicates); imports nothing",
      tags: ["contacts"],
      auth: HANDLERS,
      params: waveParams,
      query: langQuery,
      body: contactFileSchema,
      response: { status: 200, schema: checkReportSchema, description: "The report" },
      errors: [400, 401, 403, 404, 413, 415],
      handler: async ({ params, body, principal }) => ({
        status: 200,
        body: await preflight(principal, params.slug, params.waveId, decode(body.content)),
      }),
    }),
    defineRoute({
      method: "post",
      path: CONTACT_IMPORT_PATHS,
      summary:
        "Import a contacts file into a wave: contacts, personal links; runs in the background",
      tags: ["contacts"],
      auth: HANDLERS,
      params: waveParams,
      query: langQuery,
      body: contactFileSchema,
      response: {
        status: 201,
        schema: importSchema,
        description: "The import job; GET it for progress",
      },
      errors: [400, 401, 403, 404, 413, 415],
      handler: async ({ params, body, principal, req }) => {
        const { job } = await startImport(
          principal,
          params.slug,
          params.waveId,
          { bytes: decode(body.content), filename: body.filename },
          deps,
          req.ip,
        );
        return { status: 201, body: job };
      },
    }),
    defineRoute({
      method: "get",
      path: `${CONTACT_IMPORT_PATHS}/:importId`,
      summary: "An import job: progress and per-row report",
      tags: ["contacts"],
      auth: HANDLERS,
      params: waveParams.extend({ importId: objectId }),
      query: langQuery,
      response: { status: 200, schema: importSchema, description: "The job" },
      errors: [400, 401, 403, 404],
      handler: async ({ params, principal }) => ({
        status: 200,
        body: await getImport(principal, params.slug, params.waveId, params.importId),
      }),
    }),
    defineRoute({
      method: "get",
      path: "/api/authorities/:slug/waves/:waveId/contacts",
      summary: "Contacts of a wave with masked numbers and their funnel (reading is audited)",
      tags: ["contacts"],
      auth: HANDLERS,
      params: waveParams,
      query: langQuery.extend({
        limit: z.coerce.number().int().min(1).max(500).default(100),
        skip: z.coerce.number().int().min(0).max(1_000_000).default(0),
        q: z
          .string()
          .trim()
          .max(80)
          .regex(/^\P{Cc}*$/u)
          .optional()
          .describe("A whole mobile number, or part of a neighbourhood's name"),
        status: z.enum(CONTACT_STATUSES).optional(),
      }),
      response: {
        status: 200,
        schema: z.object({ total: z.number().int(), contacts: z.array(contactRowSchema) }),
        description: "A page of contacts",
      },
      errors: [400, 401, 403, 404],
      handler: async ({ params, query, principal, req }) => ({
        status: 200,
        body: await listContacts(principal, params.slug, params.waveId, cipher, query, req.ip),
        headers: { "Cache-Control": "no-store" },
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/authorities/:slug/contacts/:contactId/reveal",
      summary: "One contact's full number and name (audit-logged before it is shown)",
      tags: ["contacts"],
      auth: NUMBER_REVEALERS,
      params: contactParams,
      query: langQuery,
      response: {
        status: 200,
        schema: z.object({ id: z.string(), phone: z.string(), name: z.string().nullable() }),
        description: "The contact in full",
      },
      errors: [400, 401, 403, 404],
      handler: async ({ params, principal, req }) => ({
        status: 200,
        body: await revealContact(principal, params.slug, params.contactId, cipher, req.ip),
        headers: { "Cache-Control": "no-store" },
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/authorities/:slug/contacts/:contactId/opt-out",
      summary:
        "Opt a contact's number out on the resident's request: nothing more is sent to it (audited)",
      tags: ["contacts"],
      auth: HANDLERS,
      params: contactParams,
      query: langQuery,
      response: { status: 200, schema: optOutStateSchema, description: "The contact's opt-out" },
      errors: [400, 401, 403, 404],
      handler: async ({ params, principal, req }) => ({
        status: 200,
        body: await optOutContact(principal, params.slug, params.contactId, req.ip),
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/authorities/:slug/contacts/:contactId/opt-out/undo",
      summary:
        "Undo an opt-out this authority's staff made (never a resident's STOP reply); audited",
      tags: ["contacts"],
      auth: HANDLERS,
      params: contactParams,
      query: langQuery,
      response: { status: 200, schema: optOutStateSchema, description: "The contact's opt-out" },
      errors: [400, 401, 403, 404, 409],
      handler: async ({ params, principal, req }) => ({
        status: 200,
        body: await undoOptOut(principal, params.slug, params.contactId, req.ip),
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/authorities/:slug/waves/:waveId/contacts/:contactId/resend",
      summary: `Queue the invitation SMS again with the same personal link (audited). ${refusals}`,
      tags: ["contacts"],
      auth: HANDLERS,
      params: waveParams.extend({ contactId: objectId }),
      query: langQuery,
      response: { status: 201, schema: linkSentSchema, description: "The SMS is queued" },
      errors: [400, 401, 403, 404, 409],
      handler: async ({ params, principal, req }) => ({
        status: 201,
        body: await resendLink(principal, params.slug, params.waveId, params.contactId, req.ip),
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/authorities/:slug/waves/:waveId/contacts/:contactId/reissue-link",
      summary:
        "Make a new personal link (the old one stops working; saved answers stay) and queue it " +
        `by SMS. Cannot be undone; audited. ${refusals}`,
      tags: ["contacts"],
      auth: HANDLERS,
      params: waveParams.extend({ contactId: objectId }),
      query: langQuery,
      response: { status: 201, schema: linkSentSchema, description: "The new link is queued" },
      errors: [400, 401, 403, 404, 409],
      handler: async ({ params, principal, req }) => ({
        status: 201,
        body: await reissueLink(
          principal,
          params.slug,
          params.waveId,
          params.contactId,
          config.linkSecret,
          req.ip,
        ),
      }),
    }),
  ];
}

/** The shapes the workspace reads (type-only imports on the client). */
export type CheckReport = z.infer<typeof checkReportSchema>;
export type ContactImportView = z.infer<typeof importSchema>;
export type ContactRow = z.infer<typeof contactRowSchema>;
export type OptOutState = z.infer<typeof optOutStateSchema>;
export type LinkSent = z.infer<typeof linkSentSchema>;
