import type { IndexSpec, Migration } from "./migration";

/**
 * The indexes the models declared when migrations replaced syncIndexes() at boot.
 * On a store the previous release made they already exist (same keys, options and
 * names), so this only records them; on a new store it creates them.
 */
export const BASELINE_INDEXES: readonly IndexSpec[] = [
  { collection: "auditevents", key: { at: -1 } },
  { collection: "auditevents", key: { action: 1, at: -1 } },
  { collection: "authorities", key: { slug: 1 }, options: { unique: true } },
  { collection: "communityupdates", key: { authorityId: 1 } },
  { collection: "contacts", key: { authorityId: 1, phoneIndex: 1 }, options: { unique: true } },
  { collection: "contacts", key: { phoneIndex: 1 } },
  { collection: "contactimports", key: { authorityId: 1, createdAt: -1 } },
  { collection: "excluded_responses", key: { waveId: 1 } },
  { collection: "instrumentdrafts", key: { key: 1 }, options: { unique: true } },
  { collection: "instrumentversions", key: { key: 1, version: 1 }, options: { unique: true } },
  { collection: "invitations", key: { tokenHash: 1 }, options: { unique: true } },
  { collection: "invitations", key: { waveId: 1, contactId: 1 }, options: { unique: true } },
  { collection: "invitations", key: { waveId: 1, completedAt: 1, invitedAt: 1 } },
  { collection: "kioskdevices", key: { authorityId: 1 } },
  { collection: "kioskdevices", key: { tokenHash: 1 }, options: { unique: true } },
  { collection: "kioskdevices", key: { pairingCodeHash: 1 }, options: { sparse: true } },
  { collection: "kioskpairingwindows", key: { expiresAt: 1 }, options: { expireAfterSeconds: 0 } },
  { collection: "loginthrottles", key: { key: 1 }, options: { unique: true } },
  { collection: "loginthrottles", key: { expiresAt: 1 }, options: { expireAfterSeconds: 0 } },
  { collection: "optouts", key: { phoneIndex: 1, authorityId: 1 }, options: { unique: true } },
  { collection: "outboxmessages", key: { reference: 1 }, options: { unique: true } },
  { collection: "outboxmessages", key: { authorityId: 1, at: -1 } },
  { collection: "populationmargins", key: { authorityId: 1 }, options: { unique: true } },
  { collection: "ratebuckets", key: { expiresAt: 1 }, options: { expireAfterSeconds: 0 } },
  { collection: "responses", key: { submissionId: 1 }, options: { unique: true } },
  { collection: "responses", key: { waveId: 1, panelId: 1 } },
  { collection: "responses", key: { authorityId: 1, waveId: 1 } },
  { collection: "responses", key: { panelId: 1 }, options: { sparse: true } },
  { collection: "sample_designs", key: { waveId: 1 }, options: { unique: true } },
  { collection: "sessions", key: { tokenHash: 1 }, options: { unique: true } },
  { collection: "sessions", key: { userId: 1 } },
  { collection: "sessions", key: { expiresAt: 1 }, options: { expireAfterSeconds: 0 } },
  { collection: "signups", key: { authorityId: 1 } },
  { collection: "signups", key: { withdrawTokenHash: 1 }, options: { unique: true } },
  { collection: "smsmessages", key: { key: 1 }, options: { unique: true } },
  { collection: "smsmessages", key: { status: 1, notBefore: 1 } },
  { collection: "smsmessages", key: { providerId: 1 }, options: { sparse: true } },
  { collection: "smsmessages", key: { waveId: 1, status: 1 } },
  { collection: "smsmessages", key: { contactId: 1, status: 1 } },
  { collection: "users", key: { email: 1 }, options: { unique: true } },
  {
    collection: "users",
    key: { "invite.tokenHash": 1 },
    options: { unique: true, partialFilterExpression: { "invite.tokenHash": { $type: "string" } } },
  },
  { collection: "waves", key: { authorityId: 1, opensAt: 1 } },
  {
    collection: "waves",
    key: { openLinkSlug: 1 },
    options: { unique: true, partialFilterExpression: { openLinkSlug: { $type: "string" } } },
  },
];

export const baselineIndexes: Migration = {
  id: "0001-baseline-indexes",
  description: "The indexes every model declared before migrations",
  up: (ctx) => ctx.createIndexes(BASELINE_INDEXES),
};
