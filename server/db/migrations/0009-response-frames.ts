/* eslint-disable no-restricted-syntax -- a migration that shipped is not edited */
import type { mongo } from "mongoose";
import type { Migration } from "./migration";

type Id = mongo.ObjectId;

/**
 * Responses that came by personal link before responses recorded their
 * invitation's frame cell (the list's language and neighbourhood; the
 * non-response adjustment's cells, server/responses/frame.ts) get it where it
 * can be known without joining a response to a contact any closer than the
 * store already does:
 * - a consented panel member's response, through the pseudonym it carries
 *   (the contact holds the same one) to that contact's invitation to the wave;
 * - otherwise by day: a link's completion and its response carry the same
 *   day, so when the invitations of a wave completed on one day, less those
 *   matched through the panel, all share one frame cell, and exactly as many
 *   SMS responses of that day are left, each of them came from that cell.
 * What neither tells stays without a frame, and its wave's weights say the
 * adjustment was not applied (`frameNotRecorded`), never a guessed cell.
 */
export const responseFrames: Migration = {
  id: "0009-response-frames",
  description: "Responses by personal link: the frame cell of their invitation, where known",
  up: async (ctx) => {
    const responses = ctx.db.collection("responses");
    const invitations = ctx.db.collection("invitations");
    const contacts = ctx.db.collection("contacts");
    const waveIds = (await responses.distinct("waveId", {
      channel: "sms",
      frame: { $exists: false },
    })) as Id[];
    let recorded = 0;
    let left = 0;
    for (const waveId of waveIds) {
      const invited = await invitations
        .find(
          { waveId, completedAt: { $exists: true } },
          { projection: { contactId: 1, locale: 1, neighbourhood: 1, completedAt: 1 } },
        )
        .toArray();
      if (invited.length === 0) continue;
      const frameOf = (inv: (typeof invited)[number]) => ({
        language: String(inv.locale),
        neighbourhood: typeof inv.neighbourhood === "string" ? inv.neighbourhood : "",
      });
      const byContact = new Map(invited.map((inv) => [String(inv.contactId), inv]));
      const open = await responses
        .find(
          { waveId, channel: "sms", frame: { $exists: false } },
          { projection: { panelId: 1, submittedAt: 1 } },
        )
        .toArray();
      // Invitations already accounted for: matched through the panel, or whose
      // response recorded its frame when it was stored.
      const used = new Set<string>();
      const panelIds = open.flatMap((r) => (typeof r.panelId === "string" ? [r.panelId] : []));
      const members =
        panelIds.length > 0
          ? await contacts
              .find({ panelId: { $in: panelIds } }, { projection: { panelId: 1 } })
              .toArray()
          : [];
      const contactOfPanel = new Map(members.map((c) => [String(c.panelId), String(c._id)]));
      const rest: typeof open = [];
      for (const r of open) {
        const inv =
          typeof r.panelId === "string"
            ? byContact.get(contactOfPanel.get(r.panelId) ?? "")
            : undefined;
        if (!inv || used.has(String(inv._id))) {
          rest.push(r);
          continue;
        }
        used.add(String(inv._id));
        await responses.updateOne({ _id: r._id }, { $set: { frame: frameOf(inv) } });
        recorded += 1;
      }
      // The completions whose response recorded its frame already take their places.
      const withFrame = await responses
        .find(
          { waveId, channel: "sms", frame: { $exists: true } },
          { projection: { frame: 1, submittedAt: 1 } },
        )
        .toArray();
      const dayKey = (at: unknown) => (at instanceof Date ? at.toISOString().slice(0, 10) : "");
      const completions = new Map<string, Array<{ frame: string; value: object }>>();
      for (const inv of invited) {
        if (used.has(String(inv._id))) continue;
        const day = dayKey(inv.completedAt);
        const frame = frameOf(inv);
        completions.set(day, [
          ...(completions.get(day) ?? []),
          { frame: JSON.stringify(frame), value: frame },
        ]);
      }
      for (const r of withFrame) {
        const list = completions.get(dayKey(r.submittedAt));
        const i = list?.findIndex((c) => c.frame === JSON.stringify(r.frame)) ?? -1;
        if (i >= 0) list!.splice(i, 1);
      }
      const responsesOfDay = new Map<string, Id[]>();
      for (const r of rest) {
        const day = dayKey(r.submittedAt);
        responsesOfDay.set(day, [...(responsesOfDay.get(day) ?? []), r._id as Id]);
      }
      for (const [day, ids] of responsesOfDay) {
        const list = completions.get(day) ?? [];
        const cells = new Set(list.map((c) => c.frame));
        if (cells.size !== 1 || list.length !== ids.length) {
          left += ids.length;
          continue;
        }
        await responses.updateMany(
          { _id: { $in: ids }, frame: { $exists: false } },
          { $set: { frame: list[0]!.value } },
        );
        recorded += ids.length;
      }
    }
    ctx.logger.info({ recorded, left }, "response frame cells backfilled");
  },
};
