import type net from "node:net";
import type { Logger } from "pino";
import { runCommand } from "./commands/dispatch";
import type { CommandContext, ConnectionAuth } from "./commands/context";
import { helloReply } from "./commands/handshake";
import {
  encodeLegacyReply,
  encodeMsgReply,
  MessageReader,
  parseMessage,
  ProtocolError,
} from "./wire";

/**
 * One client connection. Messages are answered strictly in the order they
 * arrive, as drivers expect; a malformed message closes the connection, since
 * the byte stream can no longer be trusted.
 */
export function serveConnection(
  socket: net.Socket,
  context: Omit<CommandContext, "db" | "auth">,
  logger: Logger | undefined,
  onIdle: () => void,
): { inFlight: () => number } {
  const reader = new MessageReader();
  const auth: ConnectionAuth = {};
  let queue: Promise<void> = Promise.resolve();
  let inFlight = 0;
  socket.setNoDelay(true);

  const handle = async (message: Buffer) => {
    const incoming = parseMessage(message);
    const { header, command } = incoming;
    if (incoming.kind === "query") {
      const db = incoming.namespace?.split(".")[0] ?? "admin";
      const name = Object.keys(command)[0]?.toLowerCase();
      const ctx = { ...context, db, auth };
      const reply =
        name === "ismaster" || name === "hello"
          ? helloReply(ctx, true, command)
          : await runCommand({ ...command, $db: db }, ctx);
      socket.write(encodeLegacyReply(header.requestId, reply));
      return;
    }
    const db = typeof command.$db === "string" ? command.$db : "admin";
    const reply = await runCommand(command, { ...context, db, auth });
    if (!incoming.moreToCome && !socket.destroyed)
      socket.write(encodeMsgReply(header.requestId, reply));
  };

  socket.on("data", (chunk: Buffer) => {
    let messages: Buffer[];
    try {
      messages = reader.push(chunk);
    } catch (err) {
      logger?.warn({ err }, "closing a connection that sent a malformed message");
      socket.destroy();
      return;
    }
    for (const message of messages) {
      inFlight += 1;
      queue = queue
        .then(() => handle(message))
        .catch((err: unknown) => {
          if (!(err instanceof ProtocolError))
            logger?.error({ err }, "embedded server failed on a message");
          else logger?.warn({ err }, "closing a connection that sent a malformed message");
          socket.destroy();
        })
        .finally(() => {
          inFlight -= 1;
          if (inFlight === 0) onIdle();
        });
    }
  });
  socket.on("error", () => socket.destroy());
  return { inFlight: () => inFlight };
}
