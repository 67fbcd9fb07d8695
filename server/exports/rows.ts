import mongoose from "mongoose";
import { Authority } from "../authorities/model";
import type { Locale } from "../shared/locales";
import { getSnapshot } from "../instruments/service";
import { SurveyResponse } from "../responses/model";
import { loadMargins } from "../results/aggregate-cache";
import type { AnalyticsScope } from "../results/analytics-scope";
import { marginsForWave } from "../results/margin-sets";
import type { AnalyticsReadPreference } from "../results/read-preference";
import type { SeriesBreaks } from "../results/series-breaks";
import { periodOf } from "../analytics/periods";
import { weightsOfCells } from "../results/cell-weights";
import { backfillExportKeys } from "./export-key-backfill";
import { rowReader, type WaveReader } from "./row-reader";
import { Wave } from "../waves/model";
import { exportLayout, type ExportColumn } from "./layout";
import { measuresOf } from "../results/readings";
import { addTo } from "../shared/group";

/** A value of one cell: numbers, text, or empty. */
export type ExportValue = number | string | null;

/** Which responses an export holds, fixed when it starts. */
export interface ExportPlan {
  columns: ExportColumn[];
  /** Responses the export writes; later arrivals are left out so the count holds. */
  total: number;
  rows(): AsyncGenerator<ExportValue[]>;
}

/**
 * Per construct, the measure (1, 2, …) each instrument version of the export
 * asks it as, numbered by the dashboards' rule (server/results/readings.ts
 * measuresOf) over the versions in the order the waves first asked them (a
 * bridged wave's old version before its new one).
 */
async function measuresOfExport(
  waves: ReadonlyArray<{
    instrumentVersionId: mongoose.Types.ObjectId;
    bridge?: { instrumentVersionId: mongoose.Types.ObjectId } | null;
  }>,
  breaks: SeriesBreaks,
): Promise<Map<string, Map<string, number>>> {
  const versions = waves.flatMap((w) =>
    w.bridge ? [w.bridge.instrumentVersionId, w.instrumentVersionId] : [w.instrumentVersionId],
  );
  const asks = new Map<string, mongoose.Types.ObjectId[]>();
  for (const v of versions) for (const c of (await getSnapshot(v)).constructs) addTo(asks, c.id, v);
  const out = new Map<string, Map<string, number>>();
  for (const [construct, vs] of asks) out.set(construct, await measuresOf(construct, vs, breaks));
  return out;
}

/** A wave of the file as it is read whole (ExportPlan.rows). */
interface WaveOfFile {
  reader: WaveReader;
  held: Array<{ bytes: Buffer; cell: string }>;
  weightOf(cell: string): number | null;
}

/** Rows the store hands over per batch of a wave's cursor. */
const BATCH = 1000;

/** How many responses a wave has: the count command, answered from the waveId index. */
async function countInWave(
  waveId: mongoose.Types.ObjectId,
  read: AnalyticsReadPreference,
  session: mongoose.ClientSession,
): Promise<number> {
  const reply = await SurveyResponse.db.db!.command(
    { count: SurveyResponse.collection.collectionName, query: { waveId } },
    { readPreference: read, session },
  );
  return Number(reply.n);
}

/**
 * Plans a responses export over the given authorities (every one when null):
 * the column layout from the waves' instrument versions, and a generator of rows
 * that reads one wave at a time (raking needs a whole wave) while the one before
 * is written, so memory holds two waves however large the program. Weights are the dashboard's, from the same
 * raking of the same wave, so analysing the file reproduces its figures.
 * Responses are read with the analytics read preference (a secondary on a
 * replica set), in one causally consistent session, so every read sees at
 * least what the count saw and the file holds exactly `total` rows.
 */
export async function planExport(
  analytics: AnalyticsScope,
  authorityIds: readonly mongoose.Types.ObjectId[] | null,
  locale: Locale = "en",
): Promise<ExportPlan> {
  const scope = authorityIds ? { authorityId: mongoose.trusted({ $in: authorityIds }) } : {};
  const session = await mongoose.startSession({ causalConsistency: true });
  try {
    return await planWithin(session, analytics, scope, authorityIds, locale);
  } catch (err) {
    await session.endSession();
    throw err;
  }
}

async function planWithin(
  session: mongoose.ClientSession,
  analytics: AnalyticsScope,
  scope: Record<string, unknown>,
  authorityIds: readonly mongoose.Types.ObjectId[] | null,
  locale: Locale,
): Promise<ExportPlan> {
  const read = analytics.readPreference;
  const [waves, authorities, margins] = await Promise.all([
    Wave.find(scope, {
      authorityId: 1,
      instrumentVersionId: 1,
      bridge: 1,
      name: 1,
      kind: 1,
      opensAt: 1,
    })
      .sort({ opensAt: 1, _id: 1 })
      .lean(),
    Authority.find(authorityIds ? { _id: mongoose.trusted({ $in: authorityIds }) } : {}, {
      slug: 1,
    }).lean(),
    loadMargins(),
  ]);
  const slugs = new Map(authorities.map((a) => [a._id.toHexString(), a.slug]));
  const snapshots = await Promise.all(waves.map((w) => getSnapshot(w.instrumentVersionId)));
  const unique = [...new Map(snapshots.map((s) => [s.contentHash, s])).values()];
  const measures = await measuresOfExport(waves, analytics.seriesBreaks);
  const columns = exportLayout(
    unique,
    locale,
    [...measures].filter(([, m]) => new Set(m.values()).size > 1).map(([c]) => c),
  );
  // How many responses each wave has now: the file holds that many of each, so its
  // count holds while answers arrive (response ids keep no order to cut at).
  const planned = await Promise.all(waves.map((w) => countInWave(w._id, read, session)));
  const total = planned.reduce((a, b) => a + b, 0);
  const reader = rowReader(columns, measures);
  // Each wave's SMS list as the serving app's dashboards hold it (read once, and
  // again only when written to): its non-response classes for the raking.
  const lists = await analytics.aggregates.lists();

  async function* rows(): AsyncGenerator<ExportValue[]> {
    try {
      yield* waveRows();
    } finally {
      await session.endSession();
    }
  }

  /**
   * One wave of the file, read whole: the first `planned` of its responses in
   * export order (a hash of the id, from the wave's index) as the store sent their
   * bytes, each with its weighting cell, and the weight of each cell. A response
   * arriving meanwhile may take a place in the file, another then drops out, and
   * the count the file announced holds.
   */
  async function readWave(i: number): Promise<WaveOfFile> {
    const wave = waves[i]!;
    // Responses stored without their export key get it first, so the ordered
    // read below sees them all.
    await backfillExportKeys(wave._id, read, session);
    // The margin set valid for this wave (its own version), with its trimming cap.
    const { margins: m, trimCap } = marginsForWave(margins, wave);
    const docs = SurveyResponse.find(
      { waveId: wave._id },
      {
        channel: 1,
        locale: 1,
        answers: 1,
        scores: 1,
        submittedAt: 1,
        frame: 1,
        arm: 1,
        instrumentVersionId: 1,
      },
    )
      .sort({ exportKey: 1 })
      .limit(planned[i]!)
      .read(read)
      .session(session)
      .lean()
      // Each response as the store sent its bytes: the row is read from them (row-reader.ts).
      // The driver takes `raw`; mongoose's type of cursor options does not name it.
      .cursor({ batchSize: BATCH, raw: true } as never) as AsyncIterable<Buffer>;
    const waveReader = reader.forWave(
      {
        authority: slugs.get(wave.authorityId.toHexString()) ?? "",
        wave: wave._id.toHexString(),
        wave_name: wave.name[locale],
        // The period DiD and pooling align waves of different authorities by.
        period: periodOf(wave.kind, wave.opensAt),
      },
      m,
    );
    // Raked as the dashboards rake it: on the wave's cell counts (every
    // respondent of a cell has the same weight), adjusted within the classes of
    // its contact list. The cells are counted from the responses the file holds;
    // each row is made once its weight is known, so no row outlives its writing.
    // Not raked: every response is in the one cell cellKey names "".
    const held: WaveOfFile["held"] = [];
    const counts = new Map<string, number>();
    for await (const bytes of docs) {
      const cell = waveReader.cell(bytes);
      held.push({ bytes, cell });
      counts.set(cell, (counts.get(cell) ?? 0) + 1);
    }
    if (!m || m.length === 0)
      return { reader: waveReader, held, weightOf: weightsOfCells(new Map(), null).weightOf };
    const nonResponse = (await lists.of(wave))?.nonResponse ?? null;
    const { weightOf } = weightsOfCells(counts, m, { trimCap, nonResponse });
    return { reader: waveReader, held, weightOf };
  }

  async function* waveRows(): AsyncGenerator<ExportValue[]> {
    const order = waves.flatMap((_, i) => (planned[i] === 0 ? [] : [i]));
    // The next wave is read while this one's rows are written, so the store and
    // the writer each keep busy instead of taking turns; memory holds two waves.
    let next: Promise<WaveOfFile> | undefined = order.length > 0 ? readWave(order[0]!) : undefined;
    try {
      for (let k = 0; k < order.length; k++) {
        const wave = await next!;
        next = k + 1 < order.length ? readWave(order[k + 1]!) : undefined;
        for (const { bytes, cell } of wave.held) {
          const row = wave.reader.row(bytes);
          reader.weigh(row, wave.weightOf(cell));
          yield row;
        }
      }
    } finally {
      // A download stopped part-way: the read begun for the next wave ends before
      // its session does, whatever it gives.
      await next?.catch(() => undefined);
    }
  }
  return { columns, total, rows };
}
