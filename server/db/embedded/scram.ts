import crypto from "node:crypto";
import { CommandFault } from "./errors";

/**
 * SCRAM-SHA-256 (RFC 5802 / RFC 7677) on the server side, as MongoDB speaks it:
 * the mechanism the official driver picks by default. The server keeps only a
 * user's salt, iteration count, StoredKey and ServerKey, never the password: a
 * copy of the key file lets no one sign in, it only lets a client be checked.
 */
export const SCRAM_SHA_256 = "SCRAM-SHA-256";

/** MongoDB's default `scramSHA256IterationCount`. */
export const DEFAULT_ITERATIONS = 15_000;

/** What the server stores of a user. Binary values are base64. */
export interface ScramUser {
  user: string;
  /** The authentication database, `admin` for the store's one user. */
  db: string;
  mechanism: typeof SCRAM_SHA_256;
  iterationCount: number;
  salt: string;
  storedKey: string;
  serverKey: string;
}

const hmac = (key: Buffer, text: string | Buffer) =>
  crypto.createHmac("sha256", key).update(text).digest();
const sha256 = (data: Buffer) => crypto.createHash("sha256").update(data).digest();

/**
 * Derives the stored keys of `password` with a fresh random salt. The password
 * is used as given: SASLprep leaves the ASCII passwords this store generates unchanged.
 */
export function scramUserFor(
  user: string,
  password: string,
  db = "admin",
  iterationCount = DEFAULT_ITERATIONS,
): ScramUser {
  const salt = crypto.randomBytes(28);
  const salted = crypto.pbkdf2Sync(password, salt, iterationCount, 32, "sha256");
  const clientKey = hmac(salted, "Client Key");
  return {
    user,
    db,
    mechanism: SCRAM_SHA_256,
    iterationCount,
    salt: salt.toString("base64"),
    storedKey: sha256(clientKey).toString("base64"),
    serverKey: hmac(salted, "Server Key").toString("base64"),
  };
}

/** MongoDB answers every failed authentication alike, so a client learns nothing of which part was wrong. */
export const authenticationFailed = () =>
  new CommandFault(18, "AuthenticationFailed", "Authentication failed.");

/** A malformed SASL exchange, as MongoDB reports one. */
const protocolError = (message: string) => new CommandFault(17, "ProtocolError", message);

/** `a=1,b=2` into a map; values may themselves hold `=` (base64). */
function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(",")) {
    const eq = part.indexOf("=");
    if (eq !== 1) throw protocolError(`Invalid SCRAM attribute: ${part}`);
    out.set(part[0]!, part.slice(2));
  }
  return out;
}

/** A SCRAM user name: `=2C` is a comma and `=3D` an equals sign (RFC 5802 5.1). */
const decodeName = (name: string) => name.replace(/=2C/g, ",").replace(/=3D/g, "=");

/**
 * One authentication conversation: `start` takes the client-first message and
 * answers the server-first one; `finish` checks the client's proof and answers
 * the server's signature, naming the user it proved to be.
 */
export class ScramConversation {
  private state:
    | {
        step: "started";
        user: ScramUser;
        clientFirstBare: string;
        serverFirst: string;
        gs2: string;
      }
    | { step: "new" | "done" } = { step: "new" };

  constructor(
    /** The authentication database the conversation runs in. */
    private readonly db: string,
    private readonly lookup: (db: string, user: string) => ScramUser | undefined,
  ) {}

  /** Whether the client's proof has been checked (rightly or not). */
  get finished(): boolean {
    return this.state.step === "done";
  }

  start(payload: Buffer): Buffer {
    if (this.state.step !== "new") throw protocolError("SCRAM conversation already started");
    const message = payload.toString("utf8");
    // gs2 header: no channel binding ("n" or "y"), and no authorisation identity.
    const match = /^([ny]),,(.*)$/s.exec(message);
    if (!match) throw protocolError("Incorrect SCRAM client-first message: unsupported GS2 header");
    const clientFirstBare = match[2]!;
    const attrs = attributes(clientFirstBare);
    const name = attrs.get("n");
    const clientNonce = attrs.get("r");
    if (name === undefined || !clientNonce)
      throw protocolError("Incorrect SCRAM client-first message");
    const user = this.lookup(this.db, decodeName(name));
    if (!user) throw authenticationFailed();
    const nonce = clientNonce + crypto.randomBytes(24).toString("base64");
    const serverFirst = `r=${nonce},s=${user.salt},i=${user.iterationCount}`;
    this.state = {
      step: "started",
      user,
      clientFirstBare,
      serverFirst,
      gs2: Buffer.from(`${match[1]},,`).toString("base64"),
    };
    return Buffer.from(serverFirst, "utf8");
  }

  finish(payload: Buffer): { user: ScramUser; reply: Buffer } {
    const state = this.state;
    if (state.step !== "started") throw protocolError("No SASL session state found");
    this.state = { step: "done" };
    const message = payload.toString("utf8");
    const at = message.lastIndexOf(",p=");
    if (at < 0) throw protocolError("Incorrect SCRAM client-final message");
    const withoutProof = message.slice(0, at);
    const attrs = attributes(withoutProof);
    const serverNonce = attributes(state.serverFirst).get("r");
    if (attrs.get("c") !== state.gs2 || attrs.get("r") !== serverNonce)
      throw authenticationFailed();
    const proof = Buffer.from(message.slice(at + 3), "base64");
    const storedKey = Buffer.from(state.user.storedKey, "base64");
    if (proof.length !== storedKey.length) throw authenticationFailed();
    const authMessage = `${state.clientFirstBare},${state.serverFirst},${withoutProof}`;
    const signature = hmac(storedKey, authMessage);
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i += 1) clientKey[i] = proof[i]! ^ signature[i]!;
    if (!crypto.timingSafeEqual(sha256(clientKey), storedKey)) throw authenticationFailed();
    const serverSignature = hmac(Buffer.from(state.user.serverKey, "base64"), authMessage);
    return { user: state.user, reply: Buffer.from(`v=${serverSignature.toString("base64")}`) };
  }
}
