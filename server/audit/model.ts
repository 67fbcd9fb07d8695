import { Schema, model, type InferSchemaType } from "mongoose";

/**
 * What was done to whom, by whom: every role change and every read or export of
 * personal data, and what security needs to see: failed logins, refused
 * requests, changes of waves and SMS texts, and sends. Append-only: no route updates or deletes an event.
 */
const auditEventSchema = new Schema({
  at: { type: Date, required: true },
  action: { type: String, required: true },
  actor: {
    kind: { type: String, enum: ["user", "kiosk", "system", "anonymous"], required: true },
    id: { type: String },
    role: { type: String },
  },
  target: {
    kind: { type: String, required: true },
    id: { type: String },
  },
  authorityId: { type: Schema.Types.ObjectId, ref: "Authority" },
  ip: { type: String },
  details: { type: Schema.Types.Mixed },
});
auditEventSchema.index({ at: -1 });
auditEventSchema.index({ action: 1, at: -1 });

export type AuditEventDoc = InferSchemaType<typeof auditEventSchema>;
export const AuditEvent = model("AuditEvent", auditEventSchema);
