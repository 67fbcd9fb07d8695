import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { writePrivateFile } from "./data-dir";
import { SCRAM_SHA_256, scramUserFor, type ScramUser } from "./scram";

/**
 * The embedded store's one credential. At first start a user and a random
 * password are written to `store-credential.json` (0600) for the clients of
 * this machine that may use the data (the platform, `npm run db`, backups); the
 * server itself checks sign-ins against `store-users.json`, which holds only
 * SCRAM's salted keys. Editing the password in the credential file changes it
 * at the next start; deleting the file makes a new one.
 */
export const CREDENTIAL_FILE = "store-credential.json";
export const USERS_FILE = "store-users.json";

/** The user the store creates; it may do everything, as MongoDB's first `root` user. */
export const STORE_USER = "kehila";
/** The authentication database, as MongoDB's `authSource` default for admin users. */
export const AUTH_DB = "admin";

/** A user name and password a client signs in with. */
export interface StoreCredential {
  user: string;
  password: string;
}

function readJson(file: string): unknown {
  if (!fs.existsSync(file)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
  } catch (err) {
    throw new Error(
      `${file} is not readable JSON (${(err as Error).message}). Delete it to make a new store credential.`,
    );
  }
}

/** The credential kept in data directory `dir`, if the store has made one. */
export function readStoreCredential(dir: string): StoreCredential | undefined {
  const value = readJson(path.join(path.resolve(dir), CREDENTIAL_FILE)) as
    Partial<StoreCredential> | undefined;
  if (!value) return undefined;
  if (typeof value.user !== "string" || typeof value.password !== "string" || !value.password)
    throw new Error(`${path.join(dir, CREDENTIAL_FILE)} must hold a "user" and a "password".`);
  return { user: value.user, password: value.password };
}

/** Whether `password` is the one `user`'s stored keys were derived from. */
function matches(user: ScramUser, password: string): boolean {
  const salted = crypto.pbkdf2Sync(
    password,
    Buffer.from(user.salt, "base64"),
    user.iterationCount,
    32,
    "sha256",
  );
  const clientKey = crypto.createHmac("sha256", salted).update("Client Key").digest();
  const stored = crypto.createHash("sha256").update(clientKey).digest();
  return crypto.timingSafeEqual(stored, Buffer.from(user.storedKey, "base64"));
}

function readUsers(dir: string): ScramUser[] {
  const value = readJson(path.join(dir, USERS_FILE)) as { users?: ScramUser[] } | undefined;
  return (value?.users ?? []).filter((u) => u.mechanism === SCRAM_SHA_256);
}

/**
 * The credential of the store in `dir` and the users the server checks
 * sign-ins against, made at first start (a 256-bit random password).
 */
export function ensureStoreCredential(dir: string): {
  credential: StoreCredential;
  users: ScramUser[];
} {
  let credential = readStoreCredential(dir);
  if (!credential) {
    credential = { user: STORE_USER, password: crypto.randomBytes(32).toString("base64url") };
    writePrivateFile(path.join(dir, CREDENTIAL_FILE), `${JSON.stringify(credential, null, 2)}\n`);
  }
  const users = readUsers(dir);
  const current = users.find((u) => u.user === credential.user && u.db === AUTH_DB);
  if (!current || !matches(current, credential.password)) {
    const others = users.filter((u) => u !== current);
    const fresh = [scramUserFor(credential.user, credential.password, AUTH_DB), ...others];
    writePrivateFile(path.join(dir, USERS_FILE), `${JSON.stringify({ users: fresh }, null, 2)}\n`);
    return { credential, users: fresh };
  }
  return { credential, users };
}

/** A host as it goes in a connection string: an IPv6 address in brackets. */
const hostPart = (host: string) => (host.includes(":") ? `[${host}]` : host);

/** The connection string of a store at `host:port` that signs in with `credential`. */
export function storeUri(
  host: string,
  port: number,
  credential: StoreCredential,
  replicaSetName?: string,
): string {
  const auth = `${encodeURIComponent(credential.user)}:${encodeURIComponent(credential.password)}`;
  const topology = replicaSetName ? `replicaSet=${replicaSetName}` : "directConnection=true";
  return `mongodb://${auth}@${hostPart(host)}:${port}/?authSource=${AUTH_DB}&${topology}`;
}

/** `uri` with its password replaced, for logs. */
export function redactUri(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/[^:@/]*):[^@/]*@/, "$1:***@");
}
