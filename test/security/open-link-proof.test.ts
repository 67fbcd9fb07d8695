/**
 * The respondent page's proof of work (client/take/proof-of-work.ts) is the one
 * the server checks: its own SHA-256 agrees with Node's, and a proof it finds
 * holds on the server at the same difficulty.
 */
import crypto from "node:crypto";
import { findProof, sha256Ascii } from "../../client/take/proof-of-work";
import { proofHolds } from "../../server/take/proof-of-work";

const hex = (words: Uint32Array) =>
  Array.from(words, (w) => (w >>> 0).toString(16).padStart(8, "0")).join("");

it("hashes as SHA-256 does, for inputs across block boundaries", () => {
  for (let length = 0; length < 200; length += 1) {
    const text = Array.from({ length }, (_, i) => String.fromCharCode(33 + ((i * 7) % 90))).join(
      "",
    );
    expect(hex(sha256Ascii(text))).toBe(crypto.createHash("sha256").update(text).digest("hex"));
  }
});

it("finds a proof the server accepts, and the server refuses a wrong one", async () => {
  const token = `d1.${"a".repeat(24)}.${crypto.randomBytes(16).toString("base64url")}.t0.sig`;
  const proof = await findProof(token, 14);
  expect(proofHolds(token, proof, 14)).toBe(true);
  expect(proofHolds(`${token}x`, proof, 14) && proofHolds(token, `${proof}0`, 14)).toBe(false);
});
