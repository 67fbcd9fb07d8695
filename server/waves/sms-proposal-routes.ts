import { defineRoute } from "../http/route";
import { waveParams, waveSchema } from "./schema";
import { decideProposal } from "./sms-proposal";
import { langQuery } from "../shared/schemas";

/** Who reviews a coordinator's SMS texts for a wave that has opened. */
const REVIEWERS = ["admin", "researcher"] as const;

/** Approving and rejecting a wave's pending SMS texts (server/waves/sms-proposal.ts). */
export const smsProposalRoutes = (["approve", "reject"] as const).map((decision) =>
  defineRoute({
    method: "post",
    path: `/api/authorities/:slug/waves/:waveId/sms-proposal/${decision}`,
    summary:
      decision === "approve"
        ? "Approve a coordinator's SMS texts: they become the wave's"
        : "Reject a coordinator's SMS texts: the wave keeps its own",
    tags: ["waves"],
    auth: REVIEWERS,
    params: waveParams,
    query: langQuery,
    response: { status: 200, schema: waveSchema, description: "The wave, its proposal decided" },
    errors: [400, 401, 403, 404, 409],
    handler: async ({ params, principal, req }) => ({
      status: 200,
      body: await decideProposal(principal, params.slug, params.waveId, decision, req.ip),
    }),
  }),
);
