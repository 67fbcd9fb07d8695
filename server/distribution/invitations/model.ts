import { Schema, model, type InferSchemaType } from "mongoose";
import { RESPONDENT_LOCALES } from "../../shared/locales";
import { stampedWrites } from "../../db/stamped-writes";

/**
 * One contact invited to one wave: the personal link (`/r/<token>`, only the
 * token's SHA-256 is stored) and the funnel of that link. It holds no answers
 * once the response is stored and never the response's id, so answers cannot be
 * joined back to a phone through it.
 */
const invitationSchema = new Schema(
  {
    authorityId: { type: Schema.Types.ObjectId, ref: "Authority", required: true },
    waveId: { type: Schema.Types.ObjectId, ref: "Wave", required: true },
    contactId: { type: Schema.Types.ObjectId, ref: "Contact", required: true },
    tokenHash: { type: String, required: true, unique: true },
    /** Bumped to reissue a link (the old one stops working). */
    linkVersion: { type: Number, required: true, default: 1 },
    locale: { type: String, enum: RESPONDENT_LOCALES, required: true },
    neighbourhood: { type: String },
    queuedAt: { type: Date },
    invitedAt: { type: Date },
    openedAt: { type: Date },
    startedAt: { type: Date },
    completedAt: { type: Date },
    bouncedAt: { type: Date },
    remindersQueued: { type: Number, required: true, default: 0 },
    /** Staff queued the link again (a resident never got it): the last time, and how often. */
    resentAt: { type: Date },
    resends: { type: Number, required: true, default: 0 },
    /** Staff made a new link (the old one reached someone else): the last time. */
    linkReissuedAt: { type: Date },
    /** Answers saved page by page, sealed; dropped when the response is stored. */
    progress: {
      sealed: { type: String },
      pageNo: { type: Number },
      savedAt: { type: Date },
    },
  },
  { timestamps: true },
);
invitationSchema.index({ waveId: 1, contactId: 1 }, { unique: true });
invitationSchema.index({ waveId: 1, completedAt: 1, invitedAt: 1 });
invitationSchema.plugin(stampedWrites);

export type InvitationDoc = InferSchemaType<typeof invitationSchema>;
export const Invitation = model("Invitation", invitationSchema);

/** Field name bound into sealed progress. */
export const PROGRESS_CONTEXT = "invitations.progress";
