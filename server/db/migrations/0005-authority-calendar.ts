import type { Migration } from "./migration";

/**
 * Authorities' own calendar (issue 20): `observedHolidays` (Christmas in a
 * Christian locality) and `location` (coordinates for the locality's nightfall).
 * Both are optional; existing authorities get an explicit empty holiday list, so
 * a reader can tell "keeps none" from a document written before the field, and
 * no location (Jerusalem's nightfall, as before) until an admin sets one.
 */
export const authorityCalendar: Migration = {
  id: "0005-authority-calendar",
  description: "Authorities: an explicit empty list of observed holidays",
  up: async (ctx) => {
    const result = await ctx.db
      .collection("authorities")
      .updateMany({ observedHolidays: { $exists: false } }, { $set: { observedHolidays: [] } });
    ctx.logger.info({ authorities: result.modifiedCount }, "observed holidays initialised");
  },
};
