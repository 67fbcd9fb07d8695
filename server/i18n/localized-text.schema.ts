import { Schema } from "mongoose";
import { z } from "zod";

/** zod: text in all three locales. */
export const localizedTextSchema = z.object({
  he: z.string().min(1),
  ar: z.string().min(1),
  en: z.string().min(1),
});

/** mongoose: text in all three locales, all required. */
export const localizedTextMongoose = new Schema(
  {
    he: { type: String, required: true },
    ar: { type: String, required: true },
    en: { type: String, required: true },
  },
  { _id: false },
);

/**
 * mongoose: a name residents read (an authority's), in the three locales and,
 * optionally, in Russian: a Russian reader sees the Hebrew where it is absent.
 */
export const residentNameMongoose = new Schema(
  {
    he: { type: String, required: true },
    ar: { type: String, required: true },
    en: { type: String, required: true },
    ru: { type: String },
  },
  { _id: false },
);
