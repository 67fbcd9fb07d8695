import type { Migration } from "./migration";

/**
 * What a wave's SMS list is made of, indexed by when it last changed: each
 * dashboard view asks these collections what was written since its last check
 * (server/results/list-changes.ts) instead of reading every raked wave's list.
 */
export const listChangeStampIndexes: Migration = {
  id: "0010-list-change-stamps",
  description: "Invitations, SMS messages, contacts and opt-outs by updatedAt",
  up: (ctx) =>
    ctx.createIndexes(
      ["invitations", "smsmessages", "contacts", "optouts"].map((collection) => ({
        collection,
        key: { updatedAt: 1 },
      })),
    ),
};
