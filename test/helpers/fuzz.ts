/**
 * What the fuzz tests share: the error catalogue's codes, the check every answer
 * to a hostile request must pass, and a digest of the stored data to show that
 * nothing changed.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import mongoose from "mongoose";
import type { Response } from "supertest";

/** Every code of the error catalogue (plural suffixes folded). */
export const CATALOGUE = new Set(
  Object.keys(
    JSON.parse(fs.readFileSync(path.join(process.cwd(), "locales/en/errors.json"), "utf8")),
  ).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, "")),
);

/**
 * Collections that move on refused requests too: bookkeeping, not data. Rate-limit
 * buckets and the kiosk pairing budget count every attempt, the audit log records
 * every refusal (a failed sign-in, a denied access); sessions are counted only.
 */
const BOOKKEEPING = new Set(["ratebuckets", "kioskpairingwindows", "auditevents"]);

/** A digest per collection of every stored document, bookkeeping aside (a diff names the collection). */
export async function storedDigests(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const collections = await mongoose.connection.db!.collections();
  for (const c of collections.sort((a, b) => a.collectionName.localeCompare(b.collectionName))) {
    if (BOOKKEEPING.has(c.collectionName)) continue;
    if (c.collectionName === "sessions") {
      out.sessions = `count ${await c.countDocuments()}`;
      continue;
    }
    const docs = await c.find({}).sort({ _id: 1 }).toArray();
    out[c.collectionName] = crypto.createHash("sha256").update(JSON.stringify(docs)).digest("hex");
  }
  return out;
}

/** One digest of every stored document, bookkeeping aside. */
export async function storedDigest(): Promise<string> {
  return crypto
    .createHash("sha256")
    .update(JSON.stringify(await storedDigests()))
    .digest("hex");
}

/** Largest answer a refusal may be (20 issues with long paths fit well within it). */
const MAX_REFUSAL_BYTES = 8 * 1024;

/** What is wrong with an answer to a request that should be refused: [] when nothing. */
export function refusalProblems(res: Response): string[] {
  const code = (res.body as { error?: { code?: unknown } } | undefined)?.error?.code;
  const text = JSON.stringify(res.body ?? "");
  return [
    res.status < 400 || res.status >= 500 ? `status ${res.status}` : null,
    typeof code === "string" && CATALOGUE.has(code) ? null : `code ${String(code)}`,
    /at .+\.(ts|js):\d+|node_modules/.test(text) ? "stack trace" : null,
    // A refusal costs little to send: 17,000 unknown keys once bought a 737 kB answer.
    res.text !== undefined && res.text.length > MAX_REFUSAL_BYTES
      ? `a ${res.text.length}-byte answer`
      : null,
  ].filter((p): p is string => p !== null);
}
