import { Schema, model, type InferSchemaType } from "mongoose";

/**
 * One import of a contacts file, with its progress (rows processed so far) and
 * its report: counts and, per rejected row, the line and the reason. Never a
 * phone number or a name.
 */
const contactImportSchema = new Schema(
  {
    authorityId: { type: Schema.Types.ObjectId, ref: "Authority", required: true },
    waveId: { type: Schema.Types.ObjectId, ref: "Wave", required: true },
    filename: { type: String },
    status: { type: String, enum: ["processing", "done", "failed"], required: true },
    total: { type: Number, required: true, default: 0 },
    processed: { type: Number, required: true, default: 0 },
    created: { type: Number, required: true, default: 0 },
    existing: { type: Number, required: true, default: 0 },
    invited: { type: Number, required: true, default: 0 },
    optedOut: { type: Number, required: true, default: 0 },
    invalid: { type: [{ line: Number, reason: String, value: String, _id: false }], default: [] },
    duplicates: { type: [{ line: Number, firstLine: Number, _id: false }], default: [] },
    error: { type: String },
    actor: { type: String },
    finishedAt: { type: Date },
  },
  { timestamps: true },
);
contactImportSchema.index({ authorityId: 1, createdAt: -1 });

export type ContactImportDoc = InferSchemaType<typeof contactImportSchema>;
export const ContactImport = model("ContactImport", contactImportSchema);
