import crypto from "node:crypto";
import { promisify } from "node:util";
import { inHashQueue } from "./hash-queue";

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

/**
 * scrypt with N = 2^15, r = 8, p = 1: 32 MiB and roughly 50-100 ms per hash on a
 * server core, OWASP's recommended floor for scrypt. Memory-hard, built into Node
 * (no native module to compile), and the parameters are stored with each hash so
 * they can be raised later and old hashes still verify.
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

function maxmem(N: number, r: number, p: number): number {
  return 128 * N * r * p + 16 * 1024 * 1024;
}

/** scrypt's cost parameters, stored with each hash. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * Hashes a password as `scrypt$N$r$p$salt$hash` (base64url parts), through the
 * bounded hash queue (server/auth/hash-queue.ts); throws AUTH_BUSY when it is full.
 * The platform always hashes with the default parameters; `params` lets the test
 * factories make their fixture accounts cheaply (a sign-in then verifies with the
 * parameters stored in the hash, as it does for hashes made before a raise).
 */
export async function hashPassword(
  password: string,
  params: ScryptParams = PARAMS,
): Promise<string> {
  const salt = crypto.randomBytes(SALT_BYTES);
  const { N, r, p } = params;
  const hash = await inHashQueue(() =>
    scrypt(password.normalize("NFC"), salt, KEY_LENGTH, { N, r, p, maxmem: maxmem(N, r, p) }),
  );
  return ["scrypt", N, r, p, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

/**
 * True when the password matches the stored hash; compares in constant time.
 * Runs through the bounded hash queue; throws AUTH_BUSY when it is full.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20) return false;
  const salt = Buffer.from(parts[4]!, "base64url");
  const expected = Buffer.from(parts[5]!, "base64url");
  const actual = await inHashQueue(() =>
    scrypt(password.normalize("NFC"), salt, expected.length, { N, r, p, maxmem: maxmem(N, r, p) }),
  );
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time of one verification against a throwaway hash, so an unknown
 * email answers as slowly as a wrong password and accounts cannot be probed by
 * timing: it waits in the same queue and runs the same scrypt as a known one.
 */
export async function burnVerification(password: string): Promise<void> {
  // A hash refused by a full queue is not kept: the next login makes it again.
  dummy ??= hashPassword(crypto.randomBytes(16).toString("hex")).catch((err: unknown) => {
    dummy = undefined;
    throw err;
  });
  await verifyPassword(password, await dummy);
}
