import crypto from "node:crypto";
import mongoose from "mongoose";
import { Authority } from "../../server/authorities/model";
import type { Locale } from "../../server/shared/locales";
import { getSnapshot } from "../../server/instruments/service";
import { israelDay } from "../../server/responses/ids";
import { SurveyResponse } from "../../server/responses/model";
import { loadMargins } from "../../server/results/aggregate-cache";
import {
  DEFAULT_ANALYTICS_READ_PREFERENCE,
  type AnalyticsReadPreference,
} from "../../server/results/read-preference";
import { periodOf } from "../../server/analytics/periods";
import { weightsOfWave, type ResponseRow } from "../../server/results/wave-aggregate";
import { Wave } from "../../server/waves/model";
import { exportLayout, type ExportColumn } from "../../server/exports/layout";

/** A value of one cell: numbers, text, or empty. */
export type ExportValue = number | string | null;

/** Which responses an export holds, fixed when it starts. */
export interface ExportPlan {
  columns: ExportColumn[];
  /** Responses the export writes; later arrivals are left out so the count holds. */
  total: number;
  rows(): AsyncGenerator<ExportValue[]>;
}

type StoredResponse = ResponseRow & {
  _id: mongoose.Types.ObjectId;
  submittedAt: Date;
  instrumentVersionId: mongoose.Types.ObjectId;
};

/**
 * A wave's responses in the order a file gives them: by a hash of the id, an
 * order that says nothing of when each arrived (ObjectIds stored before response
 * ids became random keep their creation time; sorted by it, or by time, a row
 * next to a contact's "answered" could be told apart).
 */
function inExportOrder(docs: StoredResponse[]): StoredResponse[] {
  const key = new Map(
    docs.map((d) => [d, crypto.createHash("sha256").update(d._id.toHexString()).digest("hex")]),
  );
  return docs.sort((a, b) => (key.get(a)! < key.get(b)! ? -1 : 1));
}

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
 * that reads one wave at a time (raking needs a whole wave), so memory holds one
 * wave however large the program. Weights are the dashboard's, from the same
 * raking of the same wave, so analysing the file reproduces its figures.
 * Responses are read with the analytics read preference (a secondary on a
 * replica set), in one causally consistent session, so every read sees at
 * least what the count saw and the file holds exactly `total` rows.
 */
export async function planExport(
  authorityIds: readonly mongoose.Types.ObjectId[] | null,
  locale: Locale = "en",
): Promise<ExportPlan> {
  const scope = authorityIds ? { authorityId: mongoose.trusted({ $in: authorityIds }) } : {};
  const read = DEFAULT_ANALYTICS_READ_PREFERENCE;
  const session = await mongoose.startSession({ causalConsistency: true });
  try {
    return await planWithin(session, read, scope, authorityIds, locale);
  } catch (err) {
    await session.endSession();
    throw err;
  }
}

async function planWithin(
  session: mongoose.ClientSession,
  read: AnalyticsReadPreference,
  scope: Record<string, unknown>,
  authorityIds: readonly mongoose.Types.ObjectId[] | null,
  locale: Locale,
): Promise<ExportPlan> {
  const [waves, authorities, margins] = await Promise.all([
    Wave.find(scope, { authorityId: 1, instrumentVersionId: 1, name: 1, kind: 1, opensAt: 1 })
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
  const columns = exportLayout(unique, locale);
  // How many responses each wave has now: the file holds that many of each, so its
  // count holds while answers arrive (response ids keep no order to cut at).
  const planned = await Promise.all(waves.map((w) => countInWave(w._id, read, session)));
  const total = planned.reduce((a, b) => a + b, 0);

  async function* rows(): AsyncGenerator<ExportValue[]> {
    try {
      yield* waveRows();
    } finally {
      await session.endSession();
    }
  }

  async function* waveRows(): AsyncGenerator<ExportValue[]> {
    for (const [i, wave] of waves.entries()) {
      if (planned[i] === 0) continue;
      // The first `planned` by id (day first), so a later arrival is left out
      // rather than an earlier day's response; then shuffled by a hashed key.
      const docs = inExportOrder(
        (await SurveyResponse.find(
          { waveId: wave._id },
          {
            channel: 1,
            locale: 1,
            answers: 1,
            scores: 1,
            submittedAt: 1,
            arm: 1,
            instrumentVersionId: 1,
          },
        )
          .sort({ _id: 1 })
          .limit(planned[i]!)
          .read(read)
          .session(session)
          .lean()) as StoredResponse[],
      );
      if (docs.length === 0) continue;
      // Raking uses the wave as the dashboard sees it (all its responses so far).
      const all = (await SurveyResponse.find(
        { waveId: wave._id },
        { channel: 1, locale: 1, answers: 1, scores: 1 },
      )
        .read(read)
        .session(session)
        .lean()) as StoredResponse[];
      const m = margins.get(wave.authorityId.toHexString())?.margins ?? null;
      const { weights } = weightsOfWave(all, m);
      const weightOf = new Map(all.map((r, i) => [r._id.toHexString(), weights?.[i] ?? null]));
      const fixed = {
        authority: slugs.get(wave.authorityId.toHexString()) ?? "",
        wave: wave._id.toHexString(),
        wave_name: wave.name[locale],
        // The period DiD and pooling align waves of different authorities by.
        period: periodOf(wave.kind, wave.opensAt),
      };
      for (const r of docs) {
        const id = r._id.toHexString();
        yield columns.map((c): ExportValue => {
          switch (c.name) {
            case "response_id":
              return id;
            case "authority":
            case "wave":
            case "wave_name":
            case "period":
              return fixed[c.name];
            case "channel":
              return r.channel;
            case "locale":
              return r.locale;
            case "submitted_at":
              return israelDay(r.submittedAt);
            case "weight":
              return weightOf.get(id) ?? null;
            case "arm":
              return r.arm ?? null;
            case "instrument_version":
              return r.instrumentVersionId.toHexString();
          }
          const source = c.name.startsWith("score_")
            ? r.scores[c.name.slice(6)]
            : r.answers[c.name];
          return typeof source === "number" || typeof source === "string" ? source : null;
        });
      }
    }
  }
  return { columns, total, rows };
}
