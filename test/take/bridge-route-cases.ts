/**
 * The access matrix's cases of the wave bridge routes (server/waves/bridge-routes.ts)
 * of an authority's examples of groups (server/group-examples/routes.ts) and of
 * the designer's TRAPD routes (server/bank/routes.ts), spread into
 * test/helpers/route-table.ts.
 */
import { Wave } from "../../server/waves/model";
import type { RouteCase } from "../helpers/route-table";
import { publishDraft } from "../../server/bank/publish";
import { makeDraft } from "../workspace/factories";
import { PassThrough } from "node:stream";
import { writeXlsx } from "../../server/exports/xlsx-writer";
import { SHEET_COLUMNS } from "../../server/bank/trapd-sheet";

/** A translation sheet with its header and no rows, base64: an import that changes nothing. */
async function headerOnlySheet(): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  async function* none(): AsyncIterable<string[]> {}
  await writeXlsx(out, [
    { name: "ar", columns: SHEET_COLUMNS.map((name) => ({ name })), rows: none() },
  ]);
  out.end();
  return Buffer.concat(chunks).toString("base64");
}

const READERS = ["admin", "researcher", "authority-analyst", "authority-coordinator"] as const;

export const BRIDGE_CASES: RouteCase[] = [
  {
    method: "get",
    path: "/api/authorities/{slug}/waves/{waveId}/bridge",
    allowed: READERS,
    scoped: true,
    build: async (w, t) => ({ path: `/api/authorities/${w[t].slug}/waves/${w[t].waveId}/bridge` }),
  },
  {
    method: "put",
    path: "/api/authorities/{slug}/waves/{waveId}/bridge",
    allowed: ["admin", "researcher"],
    scoped: true,
    build: async (w, t) => {
      // A bridge is set on a draft: a draft beside the world's open wave, on its version.
      const open = (await Wave.findById(w[t].waveId).lean())!;
      const { _id, createdAt, updatedAt, openLinkSlug, ...rest } = open;
      void [_id, createdAt, updatedAt, openLinkSlug];
      const draft = await Wave.create({ ...rest, status: "draft" });
      return {
        path: `/api/authorities/${w[t].slug}/waves/${draft._id}/bridge`,
        body: { bridge: null },
      };
    },
  },
  {
    method: "get",
    path: "/api/authorities/{slug}/group-examples",
    allowed: READERS,
    scoped: true,
    build: async (w, t) => ({ path: `/api/authorities/${w[t].slug}/group-examples` }),
  },
  {
    method: "put",
    path: "/api/authorities/{slug}/group-examples",
    allowed: ["admin", "researcher"],
    scoped: true,
    build: async (w, t) => ({
      path: `/api/authorities/${w[t].slug}/group-examples`,
      body: {
        text: { he: "ותיקים ועולים", ar: "القدامى والقادمون الجدد", en: "old-timers and olim" },
      },
    }),
  },
  {
    method: "get",
    path: "/api/authorities/{slug}/waves/{waveId}/bridge-comparison",
    allowed: READERS,
    scoped: true,
    build: async (w, t) => ({
      path: `/api/authorities/${w[t].slug}/waves/${w[t].waveId}/bridge-comparison`,
    }),
  },
  {
    method: "get",
    path: "/api/bank/drafts/{key}/trapd",
    allowed: ["admin", "researcher"],
    build: async () => ({ path: `/api/bank/drafts/${(await makeDraft()).key}/trapd` }),
  },
  {
    method: "post",
    path: "/api/bank/drafts/{key}/trapd/steps",
    allowed: ["admin", "researcher"],
    build: async () => ({
      path: `/api/bank/drafts/${(await makeDraft()).key}/trapd/steps`,
      body: { path: "texts.intro", locale: "ar", stage: "translate", action: "save" },
    }),
  },
  {
    method: "get",
    path: "/api/bank/instruments/{key}/versions/{version}/trapd",
    allowed: ["admin", "researcher"],
    build: async () => {
      const d = await makeDraft();
      const v = await publishDraft(d.key, d.revision);
      return { path: `/api/bank/instruments/${d.key}/versions/${v.version}/trapd` };
    },
  },
  {
    method: "get",
    path: "/api/bank/drafts/{key}/trapd/sheets/{locale}",
    allowed: ["admin", "researcher"],
    build: async () => ({ path: `/api/bank/drafts/${(await makeDraft()).key}/trapd/sheets/ar` }),
  },
  {
    method: "post",
    path: "/api/bank/drafts/{key}/trapd/sheets/{locale}",
    allowed: ["admin", "researcher"],
    build: async () => ({
      path: `/api/bank/drafts/${(await makeDraft()).key}/trapd/sheets/ar`,
      body: { content: await headerOnlySheet() },
    }),
  },
  {
    method: "get",
    path: "/api/bank/items/{id}/history",
    allowed: ["admin", "researcher"],
    build: async () => ({ path: "/api/bank/items/qol_place/history" }),
  },
];
