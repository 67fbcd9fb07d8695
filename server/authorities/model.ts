import { Schema, model, type InferSchemaType } from "mongoose";
import { localizedTextMongoose } from "../i18n/localized-text.schema";

/** A local authority taking part in the program. */
const authoritySchema = new Schema(
  {
    slug: { type: String, required: true, unique: true, match: /^[a-z0-9-]{2,60}$/ },
    name: { type: localizedTextMongoose, required: true },
    population: { type: String, enum: ["jewish", "arab", "mixed"], required: true },
    /**
     * The closed list residents choose their neighbourhood from (server/authorities/
     * neighbourhoods.ts): a breakdown group is one of these keys or "other", never typed text.
     */
    neighbourhoods: {
      type: [
        new Schema(
          { key: { type: String, required: true }, name: { type: localizedTextMongoose } },
          { _id: false },
        ),
      ],
      default: undefined,
    },
  },
  { timestamps: true },
);

export type AuthorityDoc = InferSchemaType<typeof authoritySchema>;
export const Authority = model("Authority", authoritySchema);
