import type net from "node:net";
import type { Logger } from "pino";
import { runCommand } from "./commands/dispatch";
import { commandContext, type ConnectionContext } from "./commands/context";
import { helloReply } from "./commands/handshake";
import {
  encodeLegacyReply,
  encodeMsgReply,
  MAX_MESSAGE_BYTES,
  MAX_UNAUTHENTICATED_MESSAGE_BYTES,
  MessageReader,
  parseMessage,
  ProtocolError,
} from "./wire";

/** MongoDB's code for a failed sign-in (server/db/embedded/scram.ts). */
const AUTHENTICATION_FAILED = 18;

/** How much one connection may make the server hold. */
export interface ConnectionLimits {
  /**
   * Bytes received and not yet answered (whole messages waiting their turn plus
   * a message still arriving). Past it the server stops reading the socket until
   * its commands catch up, so a client pushes back on itself instead of on memory.
   */
  maxInFlightBytes: number;
  /** Told the connection's bytes in flight after each read, for the server's peak. */
  onInFlight?: (bytes: number) => void;
  /** A command that holds the store this long or longer is logged (MongoDB's slowms). */
  slowMs: number;
}

/**
 * A filter or key pattern as the slow-command log writes it: field names and
 * operators kept, every value replaced, so no personal data reaches the log.
 */
export function shapeOf(value: unknown, depth = 0): unknown {
  if (Array.isArray(value))
    return depth > 3 ? "[…]" : value.slice(0, 3).map((v) => shapeOf(v, depth + 1));
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
    return depth > 3
      ? "{…}"
      : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v, depth + 1)]));
  return "?";
}

/** Commands that wait on purpose (an awaitable hello, an awaitData getMore): never slow. */
const waits = (name: string | undefined, command: Record<string, unknown>) =>
  name === "hello" || name === "ismaster" || (name === "getmore" && "maxTimeMS" in command);

/**
 * One client connection. Messages are answered strictly in the order they
 * arrive, as drivers expect; a malformed message closes the connection, since
 * the byte stream can no longer be trusted.
 */
export function serveConnection(
  socket: net.Socket,
  context: ConnectionContext,
  logger: Logger | undefined,
  onIdle: () => void,
  limits: ConnectionLimits,
): { inFlight: () => number } {
  const reader = new MessageReader();
  const { auth } = context;
  let queue: Promise<void> = Promise.resolve();
  let inFlight = 0;
  let queuedBytes = 0;
  let paused = false;
  socket.setNoDelay(true);

  const handle = async (message: Buffer) => {
    const incoming = parseMessage(message);
    const { header, command } = incoming;
    if (incoming.kind === "query") {
      const db = incoming.namespace?.split(".")[0] ?? "admin";
      const name = Object.keys(command)[0]?.toLowerCase();
      const ctx = commandContext(context, db);
      const reply =
        name === "ismaster" || name === "hello"
          ? helloReply(ctx, true, command)
          : await runCommand({ ...command, $db: db }, ctx);
      socket.write(encodeLegacyReply(header.requestId, reply));
      return;
    }
    const db = typeof command.$db === "string" ? command.$db : "admin";
    const began = performance.now();
    const reply = await runCommand(command, commandContext(context, db));
    const ms = performance.now() - began;
    const name = Object.keys(command)[0];
    if (ms >= limits.slowMs && !waits(name?.toLowerCase(), command))
      logger?.info(
        {
          command: name,
          ns: `${db}.${String(command[name!])}`,
          filter: shapeOf(command.filter ?? command.query ?? command.q),
          pipeline: command.pipeline ? shapeOf(command.pipeline) : undefined,
          updates: Array.isArray(command.updates)
            ? shapeOf((command.updates as Array<{ q?: unknown }>).map((u) => u.q))
            : undefined,
          ms: Math.round(ms),
        },
        "slow command",
      );
    if (reply.code === AUTHENTICATION_FAILED) {
      // A security officer asks who tried the store's door: the address, never the attempt.
      logger?.warn(
        { remoteAddress: socket.remoteAddress, remotePort: socket.remotePort, db },
        "store authentication failed",
      );
    }
    if (!incoming.moreToCome && !socket.destroyed)
      socket.write(encodeMsgReply(header.requestId, reply));
  };

  const held = () => queuedBytes + reader.bufferedBytes;
  const settle = (bytes: number) => {
    inFlight -= 1;
    queuedBytes -= bytes;
    // A message still arriving never keeps the socket paused: it needs the rest of its bytes.
    if (paused && (inFlight === 0 || held() <= limits.maxInFlightBytes)) {
      paused = false;
      socket.resume();
    }
    if (inFlight === 0) onIdle();
  };

  socket.on("data", (chunk: Buffer) => {
    let messages: Buffer[];
    // Until it has signed in a client sends only small handshake and SASL messages.
    reader.maxMessageBytes = auth.user ? MAX_MESSAGE_BYTES : MAX_UNAUTHENTICATED_MESSAGE_BYTES;
    try {
      messages = reader.push(chunk);
    } catch (err) {
      logger?.warn({ err }, "closing a connection that sent a malformed message");
      socket.destroy();
      return;
    }
    for (const message of messages) {
      inFlight += 1;
      queuedBytes += message.length;
      queue = queue
        .then(() => handle(message))
        .catch((err: unknown) => {
          if (!(err instanceof ProtocolError))
            logger?.error({ err }, "embedded server failed on a message");
          else logger?.warn({ err }, "closing a connection that sent a malformed message");
          socket.destroy();
        })
        .finally(() => settle(message.length));
    }
    limits.onInFlight?.(held());
    if (!paused && inFlight > 0 && held() > limits.maxInFlightBytes) {
      paused = true;
      socket.pause();
    }
  });
  socket.on("error", () => socket.destroy());
  return { inFlight: () => inFlight };
}
