import { Schema, model, type InferSchemaType } from "mongoose";
import { USER_ROLES } from "../shared/roles";

export const USER_STATUSES = ["invited", "active", "disabled"] as const;

/**
 * A person with an account. Authority roles carry the one authority they may see.
 * Emails are staff contact data, not residents'; residents have no account.
 */
const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true, trim: true },
    name: { type: String, default: "" },
    role: { type: String, enum: USER_ROLES, required: true },
    authorityId: { type: Schema.Types.ObjectId, ref: "Authority" },
    status: { type: String, enum: USER_STATUSES, required: true, default: "invited" },
    passwordHash: { type: String },
    invite: {
      tokenHash: { type: String },
      expiresAt: { type: Date },
    },
    /** Set by an administrator's reset: the next session must choose a new password first. */
    mustChangePassword: { type: Boolean, default: false },
    passwordChangedAt: { type: Date },
    totp: {
      /** The secret, sealed with the data key (server/privacy/crypto.ts). */
      secret: { type: String },
      enabled: { type: Boolean, default: false },
      /**
       * The last time step accepted, so a code cannot be used twice: a login
       * takes its step with a conditional update (lastStep < step), once.
       */
      lastStep: { type: Number, default: 0 },
      /**
       * A new secret being enrolled, sealed too; it replaces `secret` only once a
       * code from it is confirmed, so starting over never switches TOTP off.
       */
      pendingSecret: { type: String },
    },
    lastLoginAt: { type: Date },
  },
  { timestamps: true },
);
userSchema.index(
  { "invite.tokenHash": 1 },
  { unique: true, partialFilterExpression: { "invite.tokenHash": { $type: "string" } } },
);

export type UserDoc = InferSchemaType<typeof userSchema>;
export const User = model("User", userSchema);

/**
 * A signed-in session. The cookie holds a random token; only its hash is here.
 * Expired sessions are refused by code and removed by the TTL index.
 */
const sessionSchema = new Schema({
  tokenHash: { type: String, required: true, unique: true },
  userId: { type: Schema.Types.ObjectId, ref: "User", required: true, index: true },
  createdAt: { type: Date, required: true },
  lastSeenAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  revokedAt: { type: Date },
  ip: { type: String },
});
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const Session = model("Session", sessionSchema);

/**
 * Failed logins counted per account (by email hash, known or not, so a lockout
 * does not reveal whether an account exists) and per client address.
 */
const loginThrottleSchema = new Schema({
  key: { type: String, required: true, unique: true },
  failures: { type: Number, required: true, default: 0 },
  windowStartedAt: { type: Date, required: true },
  lockedUntil: { type: Date },
  expiresAt: { type: Date, required: true },
});
loginThrottleSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const LoginThrottle = model("LoginThrottle", loginThrottleSchema);
