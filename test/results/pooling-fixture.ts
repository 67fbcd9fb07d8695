/**
 * The program pooling fixture in the store (test/analytics/fixtures/
 * program-pooling-responses.csv, the data the R references read): its towns with
 * their population group, size and program status, one closed wave per town and
 * opening date, every scored item answered with the row's score.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCsv } from "../../server/analytics/csv";
import { Authority } from "../../server/authorities/model";
import { publishInstrument } from "../../server/instruments/service";
import { Wave } from "../../server/waves/model";
import { makeAuthority } from "../factories/program";
import { addResponses } from "./factory";

/** A file under test/analytics/fixtures/. */
export const fixture = (name: string) => path.join(__dirname, "..", "analytics", "fixtures", name);

/** Stores the fixture; towns get the slug `<slugPrefix>-<authority>`. */
export async function storePoolingFixture(slugPrefix: string) {
  const core = await publishInstrument("core");
  const rows = parseCsv(readFileSync(fixture("program-pooling-responses.csv"), "utf8")).rows;
  const authorities = new Map<string, Awaited<ReturnType<typeof makeAuthority>>>();
  const waves = new Map<string, { rows: typeof rows; opens: string; period: string }>();
  for (const r of rows) {
    if (!authorities.has(r.authority!)) {
      const a = await makeAuthority({ slug: `${slugPrefix}-${r.authority}` });
      await Authority.updateOne(
        { _id: a._id },
        { population: r.group, populationSize: Number(r.population), programStatus: r.status },
      );
      authorities.set(r.authority!, a);
    }
    const key = `${r.authority} ${r.opens}`;
    const w = waves.get(key) ?? { rows: [], opens: r.opens!, period: r.period! };
    w.rows.push(r);
    waves.set(key, w);
  }
  for (const [key, w] of waves) {
    const wave = await Wave.create({
      authorityId: authorities.get(key.split(" ")[0]!)!._id,
      instrumentVersionId: core.id,
      name: { he: w.period, ar: w.period, en: w.period },
      kind: w.period === "baseline" ? "baseline" : "follow-up",
      status: "closed",
      opensAt: new Date(w.opens),
      channels: ["sms"],
    });
    await addResponses(
      wave,
      w.rows.map((r) => ({ position: Number(r.score) - 1 })),
    );
  }
  return { rows, authorities };
}
