import { NotFoundError } from "../errors";
import { InstrumentVersion } from "../instruments/model";
import { trapdUnitViewSchema } from "./trapd-schema";
import { z } from "zod";

/** The TRAPD record kept with a published version; empty units when it was published without one. */
export async function versionReview(key: string, version: number) {
  const doc = await InstrumentVersion.findOne(
    { key, version },
    { translationReview: 1, translationReviewAt: 1 },
  ).lean();
  if (!doc) throw new NotFoundError();
  return {
    key,
    version,
    recordedAt: doc.translationReviewAt ? doc.translationReviewAt.toISOString() : null,
    units: z.array(trapdUnitViewSchema).parse(doc.translationReview ?? []),
  };
}
