import { NEIGHBOURHOOD_KEY, OTHER_NEIGHBOURHOOD } from "../authorities/neighbourhoods";

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
 * The neighbourhood group of a stored answer: a key of the authority's closed
 * list (server/authorities/neighbourhoods.ts), "other", or "not stated". Text
 * stored before the list existed (residents typed it, sometimes a name, a
 * street and a phone) is "other": it never becomes a group or a label.
 */
export function neighbourhoodKey(value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") return NOT_STATED;
  return NEIGHBOURHOOD_KEY.test(value) ? value : OTHER_NEIGHBOURHOOD;
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
