import type { Schema } from "mongoose";

/**
 * The rule that lets a cache read a collection by its changes: every write to
 * a collection the dashboards hold between views (a wave's SMS list:
 * invitations, SMS messages, contacts, opt-outs; waves; margin sets) leaves
 * `updatedAt`, which their caches look for (server/results/stamp-window.ts).
 * mongoose's timestamps stamp updates, upserts and documents it builds; this
 * plugin stamps what they leave out, the plain documents of a lean insertMany,
 * and indexes the stamp. Writes that go around mongoose (`Model.collection`,
 * `timestamps: false`) are refused by test/results/stamped-writes.test.ts.
 */
export function stampedWrites(schema: Schema): void {
  if (!schema.options.timestamps)
    throw new Error("stampedWrites needs a schema with { timestamps: true }");
  schema.index({ updatedAt: 1 });
  schema.pre("insertMany", function (docs: unknown) {
    const now = new Date();
    for (const doc of Array.isArray(docs) ? docs : [docs]) {
      const d = doc as { $__?: unknown; createdAt?: Date; updatedAt?: Date } | null;
      // A mongoose document gets its timestamps from mongoose itself.
      if (!d || typeof d !== "object" || d.$__) continue;
      d.createdAt ??= now;
      d.updatedAt ??= now;
    }
  });
}
