import type { Principal, UserPrincipal } from "../access/principal";
import { ForbiddenError } from "../errors";
import { defineRoute } from "../http/route";
import { browseBank } from "./browse";
import {
  confirmTranslation,
  createDraft,
  listInstruments,
  loadDraft,
  presentDraft,
  saveDraft,
} from "./drafts";
import { diffDraft, previewDraft, publishDraft } from "./publish";
import {
  confirmTranslationSchema,
  draftSchema,
  keyParams,
  newDraftSchema,
  saveDraftSchema,
} from "./schema";
import {
  bankViewSchema,
  diffSchema,
  instrumentListSchema,
  previewSchema,
  publishBodySchema,
  publishResultSchema,
} from "./view-schema";
import { langQuery } from "../shared/schemas";
import { takeTrapdStep, trapdView } from "./trapd";
import {
  trapdStepSchema,
  trapdViewSchema,
  versionParams,
  versionReviewSchema,
} from "./trapd-schema";
import { versionReview } from "./trapd-version";
import { itemHistory } from "./item-history";
import { importTrapdSheet, sheetImportSchema, writeTrapdSheet } from "./trapd-sheet";
import { TRAPD_LOCALES } from "./trapd-units";
import { z } from "zod";
import { itemHistoryParams, itemHistorySchema } from "./item-history-schema";

/** The program's evaluation team keeps the bank and designs instruments. */
const DESIGNERS = ["admin", "researcher"] as const;

function userOf(principal: Principal): UserPrincipal {
  if (principal.kind !== "user") throw new ForbiddenError();
  return principal;
}

const noStore = { "Cache-Control": "no-store" };

const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const sheetParams = keyParams.extend({ locale: z.enum(TRAPD_LOCALES) });
const sheetResultSchema = z.object({
  saved: z.number().int(),
  advanced: z.number().int(),
  unchanged: z.number().int(),
});

/** Item bank browser and instrument designer: drafts, translations, preview, diff and publish. */
export const bankRoutes = [
  defineRoute({
    method: "get",
    path: "/api/bank",
    summary: "Constructs and items in he/ar/en, scales, modules, and where each item is used",
    tags: ["bank"],
    auth: DESIGNERS,
    query: langQuery,
    response: { status: 200, schema: bankViewSchema, description: "The item bank" },
    errors: [400, 401, 403],
    handler: async ({ locale }) => ({
      status: 200,
      body: await browseBank(locale),
      headers: noStore,
    }),
  }),
  defineRoute({
    method: "get",
    path: "/api/bank/items/:id/history",
    summary:
      "An item's history of wording: each published version that asked it (or an item it replaced), per language, with dates",
    tags: ["bank"],
    auth: DESIGNERS,
    params: itemHistoryParams,
    response: { status: 200, schema: itemHistorySchema, description: "Wording by version" },
    errors: [400, 401, 403, 404],
    handler: async ({ params }) => ({
      status: 200,
      body: await itemHistory(params.id),
      headers: noStore,
    }),
  }),
  defineRoute({
    method: "get",
    path: "/api/bank/instruments",
    summary:
      "Instruments: drafts and published versions; the bank's instrument files to start from",
    tags: ["bank"],
    auth: DESIGNERS,
    query: langQuery,
    response: { status: 200, schema: instrumentListSchema, description: "Instruments by key" },
    errors: [400, 401, 403],
    handler: async ({ locale }) => ({
      status: 200,
      body: await listInstruments(locale),
      headers: noStore,
    }),
  }),
  defineRoute({
    method: "post",
    path: "/api/bank/drafts",
    summary: "Start a draft: empty, from a bank instrument, or from the latest published version",
    tags: ["bank"],
    auth: DESIGNERS,
    body: newDraftSchema,
    response: { status: 201, schema: draftSchema, description: "The new draft" },
    errors: [400, 401, 403, 404, 409],
    handler: async ({ body, principal }) => ({
      status: 201,
      body: await presentDraft(await createDraft(userOf(principal), body)),
    }),
  }),
  defineRoute({
    method: "get",
    path: "/api/bank/drafts/:key",
    summary: "A draft with its translation status and the problems that block publishing",
    tags: ["bank"],
    auth: DESIGNERS,
    params: keyParams,
    response: { status: 200, schema: draftSchema, description: "The draft" },
    errors: [400, 401, 403, 404],
    handler: async ({ params }) => ({
      status: 200,
      body: await presentDraft(await loadDraft(params.key)),
      headers: noStore,
    }),
  }),
  defineRoute({
    method: "put",
    path: "/api/bank/drafts/:key",
    summary: "Save a draft over the revision it was edited from (409 when someone saved since)",
    tags: ["bank"],
    auth: DESIGNERS,
    params: keyParams,
    body: saveDraftSchema,
    response: { status: 200, schema: draftSchema, description: "The saved draft" },
    errors: [400, 401, 403, 404, 409],
    handler: async ({ params, body, principal }) => {
      const { revision, ...content } = body;
      return {
        status: 200,
        body: await presentDraft(await saveDraft(userOf(principal), params.key, revision, content)),
      };
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/bank/drafts/:key/translations/confirm",
    summary: "Mark a stale translation as still right for the current Hebrew",
    tags: ["bank"],
    auth: DESIGNERS,
    params: keyParams,
    body: confirmTranslationSchema,
    response: { status: 200, schema: draftSchema, description: "The draft" },
    errors: [400, 401, 403, 404, 409],
    handler: async ({ params, body, principal }) => ({
      status: 200,
      body: await presentDraft(await confirmTranslation(userOf(principal), params.key, body)),
    }),
  }),
  defineRoute({
    method: "get",
    path: "/api/bank/drafts/:key/preview",
    summary: "The draft compiled for SurveyJS as residents would see it (he/ar/en in one)",
    tags: ["bank"],
    auth: DESIGNERS,
    params: keyParams,
    response: { status: 200, schema: previewSchema, description: "SurveyJS JSON" },
    errors: [400, 401, 403, 404],
    handler: async ({ params }) => ({
      status: 200,
      body: await previewDraft(params.key),
      headers: noStore,
    }),
  }),
  defineRoute({
    method: "get",
    path: "/api/bank/drafts/:key/diff",
    summary: "Series breaks the draft would make against the latest published version",
    tags: ["bank"],
    auth: DESIGNERS,
    params: keyParams,
    response: { status: 200, schema: diffSchema, description: "Breaks by question and construct" },
    errors: [400, 401, 403, 404],
    handler: async ({ params }) => ({
      status: 200,
      body: await diffDraft(params.key),
      headers: noStore,
    }),
  }),
  defineRoute({
    method: "post",
    path: "/api/bank/drafts/:key/publish",
    summary: "Publish the draft as the next immutable instrument version",
    tags: ["bank"],
    auth: DESIGNERS,
    params: keyParams,
    body: publishBodySchema,
    response: {
      status: 201,
      schema: publishResultSchema,
      description: "The version and its series breaks",
    },
    errors: [400, 401, 403, 404, 409, 422],
    handler: async ({ params, body }) => ({
      status: 201,
      body: await publishDraft(params.key, body.revision),
    }),
  }),
  defineRoute({
    method: "get",
    path: "/api/bank/drafts/:key/trapd",
    summary:
      "TRAPD: each string's stage per language, its two translations, review, final, pretest",
    tags: ["bank"],
    auth: DESIGNERS,
    params: keyParams,
    response: { status: 200, schema: trapdViewSchema, description: "The translation review" },
    errors: [400, 401, 403, 404],
    handler: async ({ params }) => ({
      status: 200,
      body: await trapdView(params.key),
      headers: noStore,
    }),
  }),
  defineRoute({
    method: "post",
    path: "/api/bank/drafts/:key/trapd/steps",
    summary: "TRAPD: save a string's current stage, advance it, or send it back with a note",
    tags: ["bank"],
    auth: DESIGNERS,
    params: keyParams,
    body: trapdStepSchema,
    response: { status: 200, schema: trapdViewSchema, description: "The translation review" },
    errors: [400, 401, 403, 404, 409, 422],
    handler: async ({ params, body, principal }) => ({
      status: 200,
      body: await takeTrapdStep(userOf(principal), params.key, body),
    }),
  }),
  defineRoute({
    method: "get",
    path: "/api/bank/drafts/:key/trapd/sheets/:locale",
    summary:
      "TRAPD: the translation sheet of one language as XLSX (string, Hebrew source, current text, stage, every stage's fields)",
    tags: ["bank"],
    auth: DESIGNERS,
    params: sheetParams,
    response: { status: 200, schema: z.string().describe("The XLSX file"), description: "XLSX" },
    errors: [400, 401, 403, 404],
    handler: async ({ params }) => {
      await trapdView(params.key); // an unknown draft answers 404 before any file header
      return {
        status: 200,
        body: "",
        headers: {
          "Content-Type": XLSX_MIME,
          "Content-Disposition": `attachment; filename="trapd-${params.key}-${params.locale}.xlsx"`,
          "Cache-Control": "no-store",
        },
        stream: (out) => writeTrapdSheet(out, params.key, params.locale),
      };
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/bank/drafts/:key/trapd/sheets/:locale",
    summary:
      "TRAPD: take a filled translation sheet back as a step on each string's current stage (400 TRANSLATION_SHEET_INVALID, 409 when a string's stage moved on)",
    tags: ["bank"],
    auth: DESIGNERS,
    params: sheetParams,
    body: sheetImportSchema,
    response: { status: 200, schema: sheetResultSchema, description: "What the import did" },
    errors: [400, 401, 403, 404, 409, 422],
    handler: async ({ params, body, principal }) => ({
      status: 200,
      body: await importTrapdSheet(userOf(principal), params.key, params.locale, body),
    }),
  }),
  defineRoute({
    method: "get",
    path: "/api/bank/instruments/:key/versions/:version/trapd",
    summary: "TRAPD: the translation review as it stood when this version was published",
    tags: ["bank"],
    auth: DESIGNERS,
    params: versionParams,
    response: { status: 200, schema: versionReviewSchema, description: "The kept review" },
    errors: [400, 401, 403, 404],
    handler: async ({ params }) => ({
      status: 200,
      body: await versionReview(params.key, params.version),
      headers: noStore,
    }),
  }),
];
