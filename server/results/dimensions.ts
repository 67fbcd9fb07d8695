import { cleanText } from "../privacy/text";

/** The breakdowns of the dashboard, each read from one response. */
export const DIMENSIONS = ["age_band", "sex", "neighbourhood", "language", "channel"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Group of a response that did not answer the question (or preferred not to say). */
export const NOT_STATED = "_";

/** What a dimension needs of a response. */
export interface DimensionSource {
  channel: string;
  locale: string;
  answers: Record<string, unknown>;
}

/** The demographics question behind each answer-based dimension. */
export const DIMENSION_QUESTION: Partial<Record<Dimension, string>> = {
  age_band: "dem_age_band",
  sex: "dem_sex",
  neighbourhood: "dem_neighbourhood",
};

/**
 * A neighbourhood as residents type it, folded so spellings of one place meet:
 * cleaned of control and bidi characters, spaces collapsed, lower case (Latin),
 * at most 40 characters. Anything empty is "not stated".
 */
export function neighbourhoodKey(text: unknown): string {
  if (typeof text !== "string") return NOT_STATED;
  const folded = cleanText(text).replace(/\s+/g, " ").trim().toLowerCase().slice(0, 40);
  return folded === "" ? NOT_STATED : folded;
}

/** The group of one response in one dimension (NOT_STATED when it has none). */
export function groupOf(dimension: Dimension, r: DimensionSource): string {
  switch (dimension) {
    case "channel":
      return r.channel;
    case "language":
      return r.locale;
    case "neighbourhood":
      return neighbourhoodKey(r.answers.dem_neighbourhood);
    default: {
      const v = r.answers[DIMENSION_QUESTION[dimension]!];
      return typeof v === "number" ? String(v) : NOT_STATED;
    }
  }
}
