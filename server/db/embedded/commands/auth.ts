import { Binary, type Document } from "bson";
import { CommandFault } from "../errors";
import { SCRAM_SHA_256, ScramConversation } from "../scram";
import type { CommandContext, CommandHandler } from "./context";

/**
 * Authentication as MongoDB does it: `saslStart` / `saslContinue` with
 * SCRAM-SHA-256, the mechanism list in `hello` (`saslSupportedMechs`) and the
 * first step carried in `hello` itself (`speculativeAuthenticate`), so the
 * official driver signs in with one round trip fewer.
 */

/**
 * The commands MongoDB answers before a client has authenticated (those whose
 * `requiresAuth()` is false): the handshake, the SASL steps, `ping`,
 * `buildInfo` and `connectionStatus`. Every other known command is refused.
 */
export const PRE_AUTH_COMMANDS: ReadonlySet<string> = new Set([
  "hello",
  "isMaster",
  "ismaster",
  "saslStart",
  "saslContinue",
  "ping",
  "buildInfo",
  "connectionStatus",
]);

/** MongoDB's refusal of a command from a connection that has not authenticated. */
export const unauthorized = (name: string) =>
  new CommandFault(13, "Unauthorized", `Command ${name} requires authentication`);

const mechanismUnavailable = (mechanism: unknown) =>
  new CommandFault(
    334,
    "MechanismUnavailable",
    `Received authentication for mechanism ${String(mechanism)} which is not enabled`,
  );

const noSession = () => new CommandFault(17, "ProtocolError", "No SASL session state found");

/** A SASL payload's bytes (BinData, or a string from older clients). */
function payloadOf(cmd: Document): Buffer {
  const payload: unknown = cmd.payload;
  if (payload instanceof Binary)
    return Buffer.from(payload.buffer.buffer, payload.buffer.byteOffset, payload.position);
  if (typeof payload === "string") return Buffer.from(payload, "utf8");
  if (payload instanceof Uint8Array) return Buffer.from(payload);
  throw new CommandFault(14, "TypeMismatch", "SASL payload must be BinData");
}

/** Starts a SCRAM conversation on this connection and answers its first step. */
function start(cmd: Document, db: string, ctx: CommandContext): Document {
  if (cmd.mechanism !== SCRAM_SHA_256) throw mechanismUnavailable(cmd.mechanism);
  const conversation = new ScramConversation(db, (d, user) => ctx.server.users.get(`${d}.${user}`));
  const payload = conversation.start(payloadOf(cmd));
  const options = cmd.options as { skipEmptyExchange?: unknown } | undefined;
  ctx.auth.conversation = conversation;
  ctx.auth.skipEmptyExchange = options?.skipEmptyExchange === true;
  return { conversationId: 1, done: false, payload: new Binary(payload) };
}

export const authCommands: Record<string, CommandHandler> = {
  saslStart: (cmd, ctx) => {
    ctx.auth.conversation = undefined;
    return { ...start(cmd, ctx.db, ctx), ok: 1 };
  },
  saslContinue: (cmd, ctx) => {
    const conversation = ctx.auth.conversation;
    if (!conversation || Number(cmd.conversationId) !== 1) throw noSession();
    if (ctx.auth.user && conversation.finished) {
      // The empty last exchange of a client that did not ask to skip it.
      ctx.auth.conversation = undefined;
      return { conversationId: 1, done: true, payload: new Binary(Buffer.alloc(0)), ok: 1 };
    }
    let proved;
    try {
      proved = conversation.finish(payloadOf(cmd));
    } catch (err) {
      ctx.auth.conversation = undefined;
      throw err;
    }
    ctx.auth.user = proved.user;
    const done = ctx.auth.skipEmptyExchange === true;
    if (done) ctx.auth.conversation = undefined;
    return { conversationId: 1, done, payload: new Binary(proved.reply), ok: 1 };
  },
};

/**
 * What `hello` adds for authentication: the mechanisms of the user named in
 * `saslSupportedMechs` (nothing for an unknown user, as MongoDB), and the
 * answer to a `speculativeAuthenticate` first step (left out when it fails:
 * the client then authenticates the long way and gets the real error).
 */
export function helloAuthFields(cmd: Document | undefined, ctx: CommandContext): Document {
  const fields: Document = {};
  const named = cmd?.saslSupportedMechs;
  if (typeof named === "string" && ctx.server.users.has(named))
    fields.saslSupportedMechs = [SCRAM_SHA_256];
  const speculative = cmd?.speculativeAuthenticate as Document | undefined;
  if (speculative && typeof speculative === "object" && speculative.saslStart) {
    try {
      const db = typeof speculative.db === "string" ? speculative.db : "admin";
      fields.speculativeAuthenticate = start(speculative, db, ctx);
    } catch {
      ctx.auth.conversation = undefined;
    }
  }
  return fields;
}

/** `connectionStatus`: who this connection is signed in as. */
export function connectionStatus(ctx: CommandContext): Document {
  const user = ctx.auth.user;
  return {
    authInfo: {
      authenticatedUsers: user ? [{ user: user.user, db: user.db }] : [],
      authenticatedUserRoles: user ? [{ role: "root", db: "admin" }] : [],
    },
    ok: 1,
  };
}
