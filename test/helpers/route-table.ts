/**
 * Every API route with the roles that may call it and how to build a valid
 * request for the caller's own authority or someone else's. The matrix test
 * fails when a route exists in the OpenAPI document but not here, so a new route
 * cannot ship without its access rules being tested.
 */
import { createAggregateJob } from "../../server/results/aggregate-jobs";
import { createHash, randomUUID } from "node:crypto";
import { totp, base32Decode } from "../../server/auth/totp";
import { CommunityUpdate, Signup } from "../../server/participation/model";
import { makeDraft } from "../workspace/factories";
import { Wave } from "../../server/waves/model";
import { AnalystExportAccess } from "../../server/exports/analyst-access";
import { DISTRIBUTION_CASES } from "../distribution/route-cases";
import { BRIDGE_CASES } from "../take/bridge-route-cases";
import { QUOTA_CASES } from "../quotas/quota-route-cases";
import type { Caller, World } from "./world";

export type Target = "own" | "other";

export interface RouteCase {
  method: "get" | "post" | "patch" | "put";
  /** As in the OpenAPI document. */
  path: string;
  allowed: "public" | readonly Caller[];
  /** True when the path names an authority: someone else's answers 404 to authority roles. */
  scoped?: boolean;
  build(
    w: World,
    target: Target,
    caller: Caller,
  ): Promise<{ path: string; body?: unknown; headers?: Record<string, string> }>;
}

const ADMIN = ["admin"] as const;
const DESIGNERS = ["admin", "researcher"] as const;
const STAFF = [
  "admin",
  "researcher",
  "program-viewer",
  "authority-analyst",
  "authority-coordinator",
] as const;

const SIGNUP_BODY = {
  locale: "he",
  interests: ["education"],
  contact: { kind: "phone", value: "050-1234567" },
  consent: true,
};

/** A sign-up made the way a resident makes one, with its id and withdrawal token. */
async function newSignup(w: World, t: Target): Promise<{ id: string; token: string }> {
  const res = await w.as.anonymous("post", `/api/waves/${w[t].waveId}/signups`, SIGNUP_BODY);
  const token = String(res.body.withdrawPath).replace("/w/", "");
  const hash = createHash("sha256").update(token).digest("hex");
  const doc = await Signup.findOne({ withdrawTokenHash: hash }, { _id: 1 }).lean();
  return { id: doc!._id.toHexString(), token };
}

/** TOTP secrets returned by setup, per caller, so enable can send a right code. */
export const totpSecrets = new Map<Caller, string>();

export const ROUTE_CASES: RouteCase[] = [
  {
    method: "get",
    path: "/api/health",
    allowed: "public",
    build: async () => ({ path: "/api/health" }),
  },
  {
    method: "get",
    path: "/api/take/{slug}",
    allowed: "public",
    build: async (w, t) => ({ path: `/api/take/${w[t].openLink}?lang=he` }),
  },
  {
    method: "post",
    path: "/api/take/{slug}/responses",
    allowed: "public",
    build: async (w, t) => ({
      path: `/api/take/${w[t].openLink}/responses`,
      body: w.validSubmission(),
    }),
  },
  {
    method: "post",
    path: "/api/auth/login",
    allowed: "public",
    build: async (w) => ({ path: "/api/auth/login", body: await w.loginBody() }),
  },
  {
    method: "get",
    path: "/api/auth/session",
    allowed: STAFF,
    build: async () => ({ path: "/api/auth/session" }),
  },
  {
    method: "post",
    path: "/api/auth/totp/setup",
    allowed: ["admin", "researcher", "authority-coordinator"],
    build: async () => ({ path: "/api/auth/totp/setup" }),
  },
  {
    method: "post",
    path: "/api/auth/totp/enable",
    allowed: ["admin", "researcher", "authority-coordinator"],
    build: async (_w, _t, caller) => {
      const secret = totpSecrets.get(caller);
      const code = secret ? totp(base32Decode(secret), Date.now() / 1000) : "000000";
      return { path: "/api/auth/totp/enable", body: { code } };
    },
  },
  {
    method: "post",
    path: "/api/auth/password",
    allowed: STAFF,
    // A change ends every session of the account: made on a session of its own.
    build: async (w, _t, caller) => ({
      path: "/api/auth/password",
      body: {
        currentPassword: "correct horse battery staple",
        newPassword: "a new long passphrase",
      },
      headers: await w.freshSession(caller),
    }),
  },
  {
    method: "get",
    path: "/api/auth/invites/{token}",
    allowed: "public",
    build: async (w) => ({ path: `/api/auth/invites/${await w.newInviteToken()}` }),
  },
  {
    method: "post",
    path: "/api/auth/invites/{token}",
    allowed: "public",
    build: async (w) => ({
      path: `/api/auth/invites/${await w.newInviteToken()}`,
      body: { password: "a long enough password" },
    }),
  },
  {
    method: "get",
    path: "/api/authorities",
    allowed: ["admin", "researcher", "authority-analyst", "authority-coordinator"],
    build: async () => ({ path: "/api/authorities" }),
  },
  {
    method: "get",
    path: "/api/results/authorities/{slug}",
    allowed: ["admin", "researcher", "authority-analyst"],
    scoped: true,
    build: async (w, t) => ({ path: `/api/results/authorities/${w[t].slug}` }),
  },
  {
    method: "get",
    path: "/api/results/aggregate-jobs",
    allowed: ["admin", "researcher"],
    build: async () => ({ path: "/api/results/aggregate-jobs" }),
  },
  {
    method: "get",
    path: "/api/results/aggregate-jobs/{job}",
    allowed: ["admin", "researcher"],
    // A recomputation of no wave: anyone allowed may follow any of them.
    build: async () => ({
      path: `/api/results/aggregate-jobs/${await createAggregateJob("margins", [])}`,
    }),
  },
  {
    method: "get",
    path: "/api/results/program",
    allowed: ["admin", "researcher", "program-viewer", "authority-analyst"],
    build: async () => ({ path: "/api/results/program" }),
  },
  {
    method: "put",
    path: "/api/results/authorities/{slug}/margins",
    allowed: ["admin", "researcher"],
    scoped: true,
    build: async (w, t) => ({
      path: `/api/results/authorities/${w[t].slug}/margins`,
      body: { margins: [{ variable: "dem_sex", shares: { "1": 0.51, "2": 0.49 } }] },
    }),
  },
  {
    method: "get",
    path: "/api/results/authorities/{slug}/margin-sets",
    allowed: ["admin", "researcher"],
    scoped: true,
    build: async (w, t) => ({ path: `/api/results/authorities/${w[t].slug}/margin-sets` }),
  },
  {
    method: "post",
    path: "/api/results/authorities/{slug}/margin-sets",
    allowed: ["admin", "researcher"],
    scoped: true,
    build: async (w, t) => ({
      path: `/api/results/authorities/${w[t].slug}/margin-sets`,
      body: {
        source: "CBS 2022",
        year: 2022,
        universe: "18+",
        validFrom: "2022-01-01",
        margins: [{ variable: "dem_sex", shares: { "1": 0.49, "2": 0.51 } }],
      },
    }),
  },
  {
    method: "post",
    path: "/api/results/authorities/{slug}/margin-sets/cbs",
    allowed: ["admin", "researcher"],
    scoped: true,
    build: async (w, t) => ({
      path: `/api/results/authorities/${w[t].slug}/margin-sets/cbs`,
      body: {
        source: "CBS 2022",
        year: 2022,
        universe: "18+",
        validFrom: "2022-01-01",
        localityCode: "3000",
        csv: "locality_code,variable,category,count\n3000,sex,1,49\n3000,sex,2,51\n",
      },
    }),
  },
  {
    method: "post",
    path: "/api/results/authorities/{slug}/margin-sets/upload/check",
    allowed: ["admin", "researcher"],
    scoped: true,
    build: async (w, t) => ({
      path: `/api/results/authorities/${w[t].slug}/margin-sets/upload/check`,
      body: {
        universe: "18+",
        validFrom: "2022-01-01",
        csv: "source,year,variable,category,share\nCBS,2022,sex,1,0.49\nCBS,2022,sex,2,0.51\n",
      },
    }),
  },
  {
    method: "post",
    path: "/api/results/authorities/{slug}/margin-sets/upload",
    allowed: ["admin", "researcher"],
    scoped: true,
    build: async (w, t) => ({
      path: `/api/results/authorities/${w[t].slug}/margin-sets/upload`,
      body: {
        universe: "18+",
        validFrom: "2022-01-01",
        csv: "source,year,variable,category,share\nCBS,2022,sex,1,0.49\nCBS,2022,sex,2,0.51\n",
      },
    }),
  },
  {
    method: "put",
    path: "/api/results/waves/{waveId}/sample-design",
    allowed: ["admin", "researcher"],
    build: async (w, t) => ({
      path: `/api/results/waves/${w[t].waveId}/sample-design`,
      body: { probability: false },
    }),
  },
  {
    method: "get",
    path: "/api/results/evaluation",
    allowed: ["admin", "researcher", "program-viewer", "authority-analyst"],
    build: async () => ({ path: "/api/results/evaluation?weighting=population" }),
  },
  {
    method: "get",
    path: "/api/results/primary-outcomes",
    allowed: ["admin", "researcher", "program-viewer", "authority-analyst"],
    build: async () => ({ path: "/api/results/primary-outcomes" }),
  },
  {
    method: "put",
    path: "/api/results/primary-outcomes",
    allowed: ["admin", "researcher"],
    build: async () => ({
      path: "/api/results/primary-outcomes",
      body: { constructIds: ["sense_of_community"] },
    }),
  },
  {
    method: "patch",
    path: "/api/authorities/{slug}",
    allowed: ADMIN,
    build: async (w, t) => ({
      path: `/api/authorities/${w[t].slug}`,
      body: { socioEconomicCluster: 3, peripheryCluster: 2 },
    }),
  },
  {
    method: "put",
    path: "/api/authorities/{slug}/neighbourhoods",
    allowed: ["admin", "researcher"],
    scoped: true,
    build: async (w, t) => ({
      path: `/api/authorities/${w[t].slug}/neighbourhoods`,
      body: {
        neighbourhoods: [{ key: "centre", name: { he: "מרכז", ar: "المركز", en: "Centre" } }],
      },
    }),
  },
  {
    method: "get",
    path: "/api/authorities/{slug}/accessibility-contact",
    allowed: ["admin", "researcher"],
    scoped: true,
    build: async (w, t) => ({ path: `/api/authorities/${w[t].slug}/accessibility-contact` }),
  },
  {
    method: "put",
    path: "/api/authorities/{slug}/accessibility-contact",
    allowed: ["admin", "researcher"],
    scoped: true,
    build: async (w, t) => ({
      path: `/api/authorities/${w[t].slug}/accessibility-contact`,
      body: {
        contact: {
          role: { he: "רכזת נגישות", ar: "منسقة الإتاحة", en: "Accessibility coordinator" },
          email: "access@example.org",
        },
      },
    }),
  },
  {
    method: "get",
    path: "/api/exports/responses",
    allowed: ["admin", "researcher", "authority-analyst"],
    scoped: true,
    // An analyst only where their authority allowed them (test/exports/analyst-responses-export).
    build: async (w, t, caller) => {
      if (caller === "authority-analyst")
        await AnalystExportAccess.updateOne(
          { _id: w.own.authorityId },
          { allowed: true, changedAt: new Date(), changedBy: "access-matrix" },
          { upsert: true },
        );
      return { path: `/api/exports/responses?authority=${w[t].slug}&format=csv` };
    },
  },
  {
    method: "get",
    path: "/api/exports/results",
    allowed: ["admin", "researcher", "authority-analyst"],
    scoped: true,
    build: async (w, t) => ({ path: `/api/exports/results?authority=${w[t].slug}&format=xlsx` }),
  },
  {
    method: "get",
    path: "/api/exports/codebook",
    allowed: ["admin", "researcher"],
    build: async (w) => ({ path: `/api/exports/codebook?authority=${w.own.slug}&format=csv` }),
  },
  {
    method: "get",
    path: "/api/exports/analyst-access/{slug}",
    allowed: ["admin", "researcher", "authority-analyst"],
    scoped: true,
    build: async (w, t) => ({ path: `/api/exports/analyst-access/${w[t].slug}` }),
  },
  {
    method: "put",
    path: "/api/exports/analyst-access/{slug}",
    allowed: DESIGNERS,
    // Off, as it starts: the matrix leaves every authority as it found it.
    build: async (w) => ({
      path: `/api/exports/analyst-access/${w.own.slug}`,
      body: { allowed: false },
    }),
  },
  {
    method: "get",
    path: "/api/exports/jobs/{job}",
    allowed: ["admin", "researcher"],
    // The caller's own export job: started by an allowed caller, made up for the others.
    build: async (w, _t, caller) => {
      const job = randomUUID();
      if (caller === "admin" || caller === "researcher")
        await w.as[caller](
          "get",
          `/api/exports/responses?authority=${w.own.slug}&format=csv&job=${job}`,
        );
      return { path: `/api/exports/jobs/${job}` };
    },
  },
  {
    method: "get",
    path: "/api/authorities/{slug}/response-rates",
    allowed: ["admin", "researcher", "authority-analyst", "authority-coordinator"],
    scoped: true,
    build: async (w, t) => ({ path: `/api/authorities/${w[t].slug}/response-rates` }),
  },
  {
    method: "get",
    path: "/api/authorities/{slug}/kiosks",
    allowed: ["admin", "researcher", "authority-coordinator"],
    scoped: true,
    build: async (w, t) => ({ path: `/api/authorities/${w[t].slug}/kiosks` }),
  },
  {
    method: "post",
    path: "/api/authorities/{slug}/kiosks",
    allowed: ["admin", "researcher", "authority-coordinator"],
    scoped: true,
    build: async (w, t) => ({
      path: `/api/authorities/${w[t].slug}/kiosks`,
      body: { label: "Community centre", waveId: w[t].waveId },
    }),
  },
  {
    method: "post",
    path: "/api/authorities/{slug}/kiosks/{id}/revoke",
    allowed: ["admin", "researcher", "authority-coordinator"],
    scoped: true,
    build: async (w, t) => {
      const id = await w.newKiosk(w[t].authorityId, w[t].waveId);
      return { path: `/api/authorities/${w[t].slug}/kiosks/${id}/revoke` };
    },
  },
  {
    method: "get",
    path: "/api/kiosk/survey",
    allowed: ["kiosk"],
    build: async () => ({ path: "/api/kiosk/survey?lang=ar" }),
  },
  {
    method: "post",
    path: "/api/kiosk/responses",
    allowed: ["kiosk"],
    build: async (w) => ({ path: "/api/kiosk/responses", body: w.validSubmission() }),
  },
  {
    method: "get",
    path: "/api/users",
    allowed: ADMIN,
    build: async () => ({ path: "/api/users" }),
  },
  {
    method: "post",
    path: "/api/users/invites",
    allowed: ADMIN,
    build: async (w) => ({
      path: "/api/users/invites",
      body: {
        email: `new-${Math.random().toString(36).slice(2)}@test.example`,
        role: "authority-analyst",
        authoritySlug: w.own.slug,
      },
    }),
  },
  {
    method: "patch",
    path: "/api/users/{id}",
    allowed: ADMIN,
    build: async (w) => ({ path: `/api/users/${w.spareUserId}`, body: { role: "program-viewer" } }),
  },
  {
    method: "post",
    path: "/api/users/{id}/sessions/revoke",
    allowed: ADMIN,
    build: async (w) => ({ path: `/api/users/${w.spareUserId}/sessions/revoke` }),
  },
  {
    method: "post",
    path: "/api/users/{id}/password-reset",
    allowed: ADMIN,
    build: async (w) => ({ path: `/api/users/${w.spareUserId}/password-reset` }),
  },
  {
    method: "post",
    path: "/api/users/{id}/totp-reset",
    allowed: ADMIN,
    build: async (w) => ({ path: `/api/users/${w.spareUserId}/totp-reset` }),
  },
  {
    method: "get",
    path: "/api/audit",
    allowed: ADMIN,
    build: async () => ({ path: "/api/audit?limit=5" }),
  },
  {
    method: "get",
    path: "/api/audit.csv",
    allowed: ADMIN,
    build: async () => ({ path: "/api/audit.csv?action=auth.login" }),
  },
  {
    method: "get",
    path: "/api/bank",
    allowed: DESIGNERS,
    build: async () => ({ path: "/api/bank?lang=he" }),
  },
  {
    method: "get",
    path: "/api/bank/instruments",
    allowed: DESIGNERS,
    build: async () => ({ path: "/api/bank/instruments?lang=ar" }),
  },
  {
    method: "post",
    path: "/api/bank/drafts",
    allowed: DESIGNERS,
    build: async () => ({
      path: "/api/bank/drafts",
      body: {
        key: `new_${Math.random().toString(36).slice(2, 10)}`,
        title: { he: "טיוטה", ar: "مسودة", en: "Draft" },
        from: { kind: "bank", key: "core" },
      },
    }),
  },
  {
    method: "get",
    path: "/api/bank/drafts/{key}",
    allowed: DESIGNERS,
    build: async () => ({ path: `/api/bank/drafts/${(await makeDraft()).key}` }),
  },
  {
    method: "put",
    path: "/api/bank/drafts/{key}",
    allowed: DESIGNERS,
    build: async () => {
      const d = await makeDraft();
      return { path: `/api/bank/drafts/${d.key}`, body: { revision: d.revision, ...d.content } };
    },
  },
  {
    method: "post",
    path: "/api/bank/drafts/{key}/translations/confirm",
    allowed: DESIGNERS,
    build: async () => {
      const d = await makeDraft();
      return {
        path: `/api/bank/drafts/${d.key}/translations/confirm`,
        body: { revision: d.revision, path: "texts.intro", locale: "ar" },
      };
    },
  },
  {
    method: "get",
    path: "/api/bank/drafts/{key}/preview",
    allowed: DESIGNERS,
    build: async () => ({ path: `/api/bank/drafts/${(await makeDraft()).key}/preview` }),
  },
  {
    method: "get",
    path: "/api/bank/drafts/{key}/diff",
    allowed: DESIGNERS,
    build: async () => ({ path: `/api/bank/drafts/${(await makeDraft()).key}/diff` }),
  },
  {
    method: "post",
    path: "/api/bank/drafts/{key}/publish",
    allowed: DESIGNERS,
    build: async () => {
      const d = await makeDraft();
      return { path: `/api/bank/drafts/${d.key}/publish`, body: { revision: d.revision } };
    },
  },
  // Participation: sign-ups, "you said, we did" entries, the public transparency page.
  {
    method: "post",
    path: "/api/waves/{waveId}/signups",
    allowed: "public",
    build: async (w, t) => ({ path: `/api/waves/${w[t].waveId}/signups`, body: SIGNUP_BODY }),
  },
  {
    method: "post",
    path: "/api/signups/withdraw/{token}",
    allowed: "public",
    build: async (w, t) => ({ path: `/api/signups/withdraw/${(await newSignup(w, t)).token}` }),
  },
  {
    method: "get",
    path: "/api/authorities/{slug}/signups",
    allowed: ["admin", "authority-coordinator"],
    scoped: true,
    build: async (w, t) => ({ path: `/api/authorities/${w[t].slug}/signups` }),
  },
  {
    method: "get",
    path: "/api/authorities/{slug}/signups.csv",
    allowed: ["admin", "authority-coordinator"],
    scoped: true,
    build: async (w, t) => ({ path: `/api/authorities/${w[t].slug}/signups.csv` }),
  },
  {
    method: "patch",
    path: "/api/signups/{id}",
    allowed: ["admin", "authority-coordinator"],
    scoped: true,
    build: async (w, t) => ({
      path: `/api/signups/${(await newSignup(w, t)).id}`,
      body: { status: "contacted" },
    }),
  },
  {
    method: "get",
    path: "/api/participation/counts",
    allowed: ["admin", "researcher", "program-viewer"],
    build: async () => ({ path: "/api/participation/counts" }),
  },
  {
    method: "get",
    path: "/api/authorities/{slug}/updates",
    allowed: ["admin", "researcher", "authority-coordinator", "authority-analyst"],
    scoped: true,
    build: async (w, t) => ({ path: `/api/authorities/${w[t].slug}/updates` }),
  },
  {
    method: "post",
    path: "/api/authorities/{slug}/updates",
    allowed: ["admin", "authority-coordinator"],
    scoped: true,
    build: async (w, t) => ({
      path: `/api/authorities/${w[t].slug}/updates`,
      body: { date: "2026-11-01", text: { he: "שיפצנו את הגינה הציבורית." } },
    }),
  },
  {
    method: "get",
    path: "/api/updates/review-queue",
    allowed: ["admin", "researcher"],
    build: async () => ({ path: "/api/updates/review-queue" }),
  },
  {
    method: "post",
    path: "/api/updates/{id}/review",
    allowed: ["admin", "researcher"],
    build: async (w, t) => {
      const u = await CommunityUpdate.create({
        authorityId: w[t].authorityId,
        date: new Date(),
        text: { en: "Benches" },
        createdBy: "test",
      });
      return { path: `/api/updates/${u._id.toHexString()}/review`, body: { decision: "approve" } };
    },
  },
  {
    method: "get",
    path: "/api/public/authorities/{slug}",
    allowed: "public",
    build: async (w, t) => ({ path: `/api/public/authorities/${w[t].slug}` }),
  },
  {
    method: "get",
    path: "/api/public/authorities/{slug}/accessibility",
    allowed: "public",
    build: async (w, t) => ({ path: `/api/public/authorities/${w[t].slug}/accessibility` }),
  },
  {
    method: "get",
    path: "/api/public/links/{slug}/contact",
    allowed: "public",
    build: async (w, t) => ({ path: `/api/public/links/${w[t].openLink}/contact` }),
  },
  {
    method: "get",
    path: "/api/waves",
    allowed: ["admin", "researcher", "authority-analyst", "authority-coordinator"],
    build: async () => ({ path: "/api/waves" }),
  },
  {
    method: "get",
    path: "/api/waves/options",
    allowed: DESIGNERS,
    build: async () => ({ path: "/api/waves/options" }),
  },
  {
    method: "get",
    path: "/api/authorities/{slug}/waves/{waveId}/readiness",
    allowed: ["admin", "researcher", "authority-coordinator"],
    scoped: true,
    build: async (w, t) => ({
      path: `/api/authorities/${w[t].slug}/waves/${w[t].waveId}/readiness`,
    }),
  },
  ...(["approve", "reject"] as const).map((decision): RouteCase => ({
    method: "post",
    path: `/api/authorities/{slug}/waves/{waveId}/sms-proposal/${decision}`,
    allowed: DESIGNERS,
    scoped: true,
    build: async (w, t) => {
      // A coordinator's pending texts, as server/waves/sms-proposal.ts keeps them.
      await Wave.updateOne(
        { _id: w[t].waveId },
        {
          $set: {
            smsProposal: {
              templates: { invitation: { en: "Survey {{link}} Reply STOP to opt out" } },
              proposedBy: "coordinator",
              proposedAt: new Date(),
            },
          },
        },
      );
      return {
        path: `/api/authorities/${w[t].slug}/waves/${w[t].waveId}/sms-proposal/${decision}`,
      };
    },
  })),
  {
    method: "post",
    path: "/api/authorities/{slug}/waves/{waveId}/flagged-responses",
    allowed: DESIGNERS,
    scoped: true,
    build: async (w, t) => ({
      path: `/api/authorities/${w[t].slug}/waves/${w[t].waveId}/flagged-responses`,
      body: { exclude: false },
    }),
  },
  ...DISTRIBUTION_CASES,
  ...BRIDGE_CASES,
  ...QUOTA_CASES,
  // Last: it ends the caller's session.
  {
    method: "post",
    path: "/api/auth/logout",
    allowed: STAFF,
    build: async () => ({ path: "/api/auth/logout" }),
  },
];
