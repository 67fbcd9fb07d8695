import mongoose, { type Types } from "mongoose";
import type { Principal } from "../access/principal";
import { QuotaFullError, QuotaInvalidError } from "../errors";
import { getSnapshot } from "../instruments/service";
import { SurveyResponse } from "../responses/model";
import { questionsOfSnapshot } from "../surveys/snapshot";
import { Wave } from "../waves/model";
import { waveInScope } from "../waves/service";
import { QuotaCell } from "./model";
import type { QuotaInput, QuotaView } from "./schema";
import { groupBy } from "../shared/group";

/**
 * Quotas per wave (issue 20): a wave is one authority's, so a quota on a question
 * (sex, age group, neighbourhood…) is a quota per authority × group. Each answer
 * with a target is a cell; when it is full, a resident whose answer falls in it
 * is thanked and not stored. Checked here, on the server, at every submission.
 */

type WaveLean = Awaited<ReturnType<typeof waveInScope>>["wave"];

/** The questionnaire's choice questions (not consent, not free text). */
async function choiceQuestions(wave: WaveLean) {
  const snapshot = await getSnapshot(wave.instrumentVersionId);
  return questionsOfSnapshot(snapshot).filter(
    (q) => q.scale && q.scale.points.length >= 2 && q.id !== "consent",
  );
}

async function viewOf(wave: WaveLean): Promise<QuotaView> {
  const questions = await choiceQuestions(wave);
  const cells = await QuotaCell.find({ waveId: wave._id }).sort({ question: 1, value: 1 }).lean();
  const byQuestion = groupBy(cells, (c) => c.question);
  return {
    waveId: wave._id.toHexString(),
    editable: wave.status !== "closed",
    // In the wave's own order of quota questions (as set), each cell in answer order.
    quotas: (wave.quotaQuestions ?? []).flatMap((id) => {
      const q = questions.find((x) => x.id === id);
      const own = byQuestion.get(id) ?? [];
      if (!q || own.length === 0) return [];
      return [
        {
          question: id,
          text: q.text,
          cells: q.scale!.points.flatMap((p) => {
            const c = own.find((x) => x.value === p.value);
            return c
              ? [
                  {
                    value: c.value,
                    label: p.label,
                    target: c.target,
                    count: c.count,
                    full: c.remaining <= 0,
                  },
                ]
              : [];
          }),
        },
      ];
    }),
    candidates: questions.map((q) => ({
      question: q.id,
      text: q.text,
      choices: q.scale!.points.map((p) => ({ value: p.value, label: p.label })),
    })),
  };
}

/** A wave's quotas with each cell's count, and the questions a quota can be set on. */
export async function waveQuotas(principal: Principal, slug: string, waveId: string) {
  return viewOf((await waveInScope(principal, slug, waveId)).wave);
}

/**
 * Replaces a wave's quotas. A new cell starts from the responses already stored in
 * it, so a quota set during fieldwork counts those who answered before; a cell
 * kept keeps its count and takes its new target.
 */
export async function setWaveQuotas(
  principal: Principal,
  slug: string,
  waveId: string,
  input: QuotaInput,
): Promise<QuotaView> {
  const { wave } = await waveInScope(principal, slug, waveId);
  if (wave.status === "closed") throw new QuotaInvalidError("body.quotas", "closed");
  const questions = await choiceQuestions(wave);
  const seen = new Set<string>();
  input.quotas.forEach((quota, i) => {
    const q = questions.find((x) => x.id === quota.question);
    if (!q) throw new QuotaInvalidError(`body.quotas.${i}.question`, "unknownQuestion");
    if (seen.has(quota.question))
      throw new QuotaInvalidError(`body.quotas.${i}.question`, "duplicate");
    seen.add(quota.question);
    const values = new Set<number>();
    quota.cells.forEach((cell, j) => {
      const path = `body.quotas.${i}.cells.${j}.value`;
      if (!q.scale!.points.some((p) => p.value === cell.value))
        throw new QuotaInvalidError(path, "unknownValue");
      if (values.has(cell.value)) throw new QuotaInvalidError(path, "duplicate");
      values.add(cell.value);
    });
  });

  const wanted = input.quotas.flatMap((q) =>
    q.cells.map((c) => ({ question: q.question, value: c.value, target: c.target })),
  );
  const existing = await QuotaCell.find({ waveId: wave._id }).lean();
  const keep = new Set(wanted.map((c) => `${c.question}\u0000${c.value}`));
  const gone = existing.filter((c) => !keep.has(`${c.question}\u0000${c.value}`));
  if (gone.length > 0)
    await QuotaCell.deleteMany({ _id: mongoose.trusted({ $in: gone.map((c) => c._id) }) });
  for (const cell of wanted) await setCell(wave._id, cell);
  await Wave.updateOne(
    { _id: wave._id },
    { $set: { quotaQuestions: input.quotas.map((q) => q.question) } },
  );
  return viewOf((await waveInScope(principal, slug, waveId)).wave);
}

/** Sets one cell's target; a new cell counts the responses already in it. */
async function setCell(
  waveId: Types.ObjectId,
  cell: { question: string; value: number; target: number },
): Promise<void> {
  const key = { waveId, question: cell.question, value: cell.value };
  // Submissions may take places meanwhile: the update names the count it read, and a
  // count that moved is read again.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const found = await QuotaCell.findOne(key).lean();
    if (!found) {
      const count = await SurveyResponse.countDocuments({
        waveId,
        [`answers.${cell.question}`]: cell.value,
      });
      try {
        await QuotaCell.create({
          ...key,
          target: cell.target,
          count,
          remaining: Math.max(0, cell.target - count),
        });
        return;
      } catch (err) {
        if ((err as { code?: number }).code !== 11000) throw err;
        continue;
      }
    }
    const moved = await QuotaCell.updateOne(
      { _id: found._id, count: found.count },
      { $set: { target: cell.target, remaining: Math.max(0, cell.target - found.count) } },
    );
    if (moved.matchedCount === 1) return;
  }
  throw new Error(`quota cell ${cell.question}=${cell.value} kept changing`);
}

/** Places a submission holds in its cells, given back when it is not stored. */
export interface QuotaPlaces {
  release(): Promise<void>;
}

const NO_PLACES: QuotaPlaces = { release: async () => {} };

/**
 * Takes a place in each quota cell the answers fall in, or throws QUOTA_FULL when
 * one of them is full (giving back what it took). A wave without quotas costs
 * nothing: its document says which questions have them.
 */
export async function takeQuotaPlaces(
  wave: { _id: Types.ObjectId; quotaQuestions?: readonly string[] | null },
  answers: Readonly<Record<string, unknown>>,
): Promise<QuotaPlaces> {
  const asked = (wave.quotaQuestions ?? []).filter((q) => typeof answers[q] === "number");
  if (asked.length === 0) return NO_PLACES;
  const taken: Types.ObjectId[] = [];
  const release = async () => {
    for (const _id of taken)
      await QuotaCell.updateOne({ _id }, { $inc: { remaining: 1, count: -1 } });
  };
  for (const question of asked) {
    const key = { waveId: wave._id, question, value: answers[question] as number };
    const took = await QuotaCell.findOneAndUpdate(
      { ...key, remaining: mongoose.trusted({ $gt: 0 }) },
      { $inc: { remaining: -1, count: 1 } },
      { projection: { _id: 1 } },
    ).lean();
    if (took) {
      taken.push(took._id);
      continue;
    }
    if (await QuotaCell.exists(key)) {
      await release();
      throw new QuotaFullError(question);
    }
  }
  return { release };
}
