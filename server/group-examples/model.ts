import { Schema, model } from "mongoose";

/**
 * The examples of groups an authority's residents are shown beside the
 * intergroup-respect item (issue 19): a fixed list (Jews and Arabs, religious
 * and secular…) leaves out hamulas, Muslims, Christians and Druze, Bedouin,
 * olim; each authority names the groups that live in it. Kept apart from the
 * authority's record: it is survey wording, set by researchers.
 */
const groupExamplesSchema = new Schema(
  {
    authorityId: { type: Schema.Types.ObjectId, ref: "Authority", required: true },
    text: {
      he: { type: String, required: true, maxlength: 200 },
      ar: { type: String, required: true, maxlength: 200 },
      en: { type: String, required: true, maxlength: 200 },
      ru: { type: String, maxlength: 200 },
    },
    setBy: { type: String, required: true },
  },
  { timestamps: true },
);
groupExamplesSchema.index({ authorityId: 1 }, { unique: true });

export const GroupExamples = model("GroupExamples", groupExamplesSchema);
