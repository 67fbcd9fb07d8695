import { Schema, model, type InferSchemaType } from "mongoose";

/**
 * An instrument being designed in the workspace: one working draft per
 * instrument key. Publishing freezes it into an InstrumentVersion; the draft
 * stays for the next version. `content` is the designer's document (checked by
 * zod at the edge); `textRevs` records, per text and language, the revision in
 * which it last changed, which is how stale translations are found.
 */
const instrumentDraftSchema = new Schema(
  {
    key: { type: String, required: true, unique: true, match: /^[a-z][a-z0-9_]{1,59}$/ },
    revision: { type: Number, required: true, min: 0, default: 0 },
    content: { type: Schema.Types.Mixed, required: true },
    textRevs: {
      type: [
        new Schema(
          {
            path: { type: String, required: true },
            he: { type: Number, required: true },
            ar: { type: Number, required: true },
            en: { type: Number, required: true },
            // Absent on drafts saved before draft texts had Russian.
            ru: { type: Number },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    updatedBy: { type: Schema.Types.ObjectId, ref: "User" },
  },
  { timestamps: true, minimize: false },
);

export type InstrumentDraftDoc = InferSchemaType<typeof instrumentDraftSchema>;
export const InstrumentDraftModel = model("InstrumentDraft", instrumentDraftSchema);
