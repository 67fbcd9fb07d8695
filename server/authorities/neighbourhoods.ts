import { z } from "zod";
import type { Types } from "mongoose";
import arTake from "../../locales/ar/take.json";
import enTake from "../../locales/en/take.json";
import heTake from "../../locales/he/take.json";
import ruTake from "../../locales/ru/take.json";
import type { Principal } from "../access/principal";
import { authorityInScope } from "./in-scope";
import { ValidationError } from "../errors";
import { textIn, type Locale, type RespondentLocale } from "../shared/locales";
import { localizedTextSchema } from "../i18n/localized-text.schema";
import { Authority } from "./model";

/** The demographics question a neighbourhood is asked by. */
export const NEIGHBOURHOOD_QUESTION = "dem_neighbourhood";

/** What is stored for an answer that is not on the authority's list: never its text. */
export const OTHER_NEIGHBOURHOOD = "other";

/** The shape of a neighbourhood's key: what a choice stores and a breakdown groups by. */
export const NEIGHBOURHOOD_KEY = /^[a-z0-9-]{1,40}$/;

/** One neighbourhood of an authority's closed list. */
export interface Neighbourhood {
  key: string;
  name: { he: string; ar: string; en: string };
}

/** Body of PUT /api/authorities/:slug/neighbourhoods: the whole list, replacing the old one. */
export const neighbourhoodsBody = z.object({
  neighbourhoods: z
    .array(
      z.object({
        key: z
          .string()
          .regex(NEIGHBOURHOOD_KEY)
          .refine((k) => k !== OTHER_NEIGHBOURHOOD, "reserved for answers not on the list")
          .describe("Stored with each answer and used as the breakdown group"),
        name: localizedTextSchema.describe("What residents choose from, in each language"),
      }),
    )
    .max(200),
});

export const neighbourhoodsResultSchema = z.object({
  authority: z.string(),
  neighbourhoods: neighbourhoodsBody.shape.neighbourhoods,
});

/**
 * Replaces an authority's list of neighbourhoods (an empty list removes the
 * question from its surveys). Residents choose from it; nothing they type
 * becomes a breakdown group.
 */
export async function setNeighbourhoods(
  principal: Principal,
  slug: string,
  body: z.infer<typeof neighbourhoodsBody>,
) {
  const authority = await authorityInScope(principal, slug);
  const keys = body.neighbourhoods.map((n) => n.key);
  if (new Set(keys).size !== keys.length)
    throw new ValidationError([{ path: "body.neighbourhoods", code: "duplicate_key" }]);
  await Authority.updateOne(
    { _id: authority._id },
    { $set: { neighbourhoods: body.neighbourhoods } },
  );
  return { authority: authority.slug, neighbourhoods: body.neighbourhoods };
}

/** An authority's list (empty when it has none). */
export async function neighbourhoodsOf(authorityId: Types.ObjectId): Promise<Neighbourhood[]> {
  const doc = (await Authority.collection.findOne(
    { _id: authorityId },
    { projection: { neighbourhoods: 1 } },
  )) as { neighbourhoods?: Neighbourhood[] } | null;
  return doc?.neighbourhoods ?? [];
}

/**
 * The stored answer to the neighbourhood question: a key of the authority's
 * list as it is, anything else (text typed by a client that ignored the
 * choices) as "other" without the text, and nothing at all where the
 * authority has no list. Answers are changed in place.
 */
export function closeNeighbourhood(
  answers: Record<string, unknown>,
  list: readonly Neighbourhood[],
): void {
  if (!(NEIGHBOURHOOD_QUESTION in answers)) return;
  const value = answers[NEIGHBOURHOOD_QUESTION];
  if (list.length === 0 || value === undefined || value === null || value === "") {
    delete answers[NEIGHBOURHOOD_QUESTION];
    return;
  }
  answers[NEIGHBOURHOOD_QUESTION] = list.some((n) => n.key === value) ? value : OTHER_NEIGHBOURHOOD;
}

const OTHER_LABEL: Record<RespondentLocale, string> = {
  he: heTake.neighbourhoodOther,
  ar: arTake.neighbourhoodOther,
  en: enTake.neighbourhoodOther,
  ru: ruTake.neighbourhoodOther,
};

/** What "other" is called, in a resident's choices and an analyst's breakdown. */
export function otherNeighbourhoodLabel(locale: Locale): string {
  return OTHER_LABEL[locale];
}

interface Element {
  type?: string;
  name?: string;
  elements?: Element[];
  [key: string]: unknown;
}

/**
 * A survey definition with the neighbourhood question as a choice from the
 * authority's list (and "other"), or without it where there is no list.
 */
export function withNeighbourhoodChoices(
  survey: Record<string, unknown>,
  list: readonly Neighbourhood[],
  locale: RespondentLocale,
): Record<string, unknown> {
  const rewrite = (elements: Element[] | undefined): Element[] | undefined =>
    elements?.flatMap((e): Element[] => {
      if (e.elements) return [{ ...e, elements: rewrite(e.elements) }];
      if (e.name !== NEIGHBOURHOOD_QUESTION) return [e];
      if (list.length === 0) return [];
      const { maxLength: _drop, inputType: _input, ...rest } = e;
      return [
        {
          ...rest,
          type: "dropdown",
          choices: [
            ...list.map((n) => ({ value: n.key, text: textIn(n.name, locale) })),
            { value: OTHER_NEIGHBOURHOOD, text: OTHER_LABEL[locale] },
          ],
        },
      ];
    });
  const pages = (survey.pages as Array<{ elements?: Element[] }> | undefined)?.map((p) => ({
    ...p,
    elements: rewrite(p.elements),
  }));
  return pages ? { ...survey, pages } : survey;
}
