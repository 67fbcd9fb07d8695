/**
 * The proof of work an open link asks for when it is busy (server/take/proof-of-work.ts):
 * a counter such that SHA-256 of "<device token>.<counter>" starts with `bits` zero bits.
 * SHA-256 is written out here rather than taken from WebCrypto: WebCrypto's digest is
 * asynchronous (tens of microseconds a call, a few seconds for a cheap phone at 16
 * bits) and absent on pages not served over HTTPS; this one hashes the short input in
 * a few microseconds. The search yields to the page every few milliseconds so the
 * "checking…" message keeps painting.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** SHA-256 of an ASCII string (device tokens and counters are ASCII); the digest's 8 words. */
export function sha256Ascii(text: string): Uint32Array {
  const length = text.length;
  const blocks = Math.ceil((length + 9) / 64);
  const words = new Uint32Array(blocks * 16);
  for (let i = 0; i < length; i += 1) words[i >> 2]! |= text.charCodeAt(i) << (24 - (i % 4) * 8);
  words[length >> 2]! |= 0x80 << (24 - (length % 4) * 8);
  words[blocks * 16 - 1] = length * 8;
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  for (let b = 0; b < blocks; b += 1) {
    for (let i = 0; i < 16; i += 1) w[i] = words[b * 16 + i]!;
    for (let i = 16; i < 64; i += 1) {
      const a = w[i - 15]!;
      const c = w[i - 2]!;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(c, 17) ^ rotr(c, 19) ^ (c >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    let [a, bb, c, d, e, f, g, hh] = h as unknown as number[];
    for (let i = 0; i < 64; i += 1) {
      const s1 = rotr(e!, 6) ^ rotr(e!, 11) ^ rotr(e!, 25);
      const ch = (e! & f!) ^ (~e! & g!);
      const t1 = (hh! + s1 + ch + K[i]! + w[i]!) | 0;
      const s0 = rotr(a!, 2) ^ rotr(a!, 13) ^ rotr(a!, 22);
      const maj = (a! & bb!) ^ (a! & c!) ^ (bb! & c!);
      const t2 = (s0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d! + t1) | 0;
      d = c;
      c = bb;
      bb = a;
      a = (t1 + t2) | 0;
    }
    h[0] = (h[0]! + a!) | 0;
    h[1] = (h[1]! + bb!) | 0;
    h[2] = (h[2]! + c!) | 0;
    h[3] = (h[3]! + d!) | 0;
    h[4] = (h[4]! + e!) | 0;
    h[5] = (h[5]! + f!) | 0;
    h[6] = (h[6]! + g!) | 0;
    h[7] = (h[7]! + hh!) | 0;
  }
  return h;
}

/** Zero bits at the start of a digest given as words. */
function zeroBits(h: Uint32Array): number {
  let bits = 0;
  for (const word of h) {
    if (word === 0) {
      bits += 32;
      continue;
    }
    return bits + Math.clz32(word);
  }
  return bits;
}

/** True when `proof` solves the token's puzzle at `bits`. */
export function proofHolds(token: string, proof: string, bits: number): boolean {
  return zeroBits(sha256Ascii(`${token}.${proof}`)) >= bits;
}

/** Finds a proof for the token, yielding to the page between slices of work. */
export async function findProof(token: string, bits: number, sliceMs = 30): Promise<string> {
  for (let n = 0; ;) {
    const until = Date.now() + sliceMs;
    do {
      if (zeroBits(sha256Ascii(`${token}.${n}`)) >= bits) return String(n);
      n += 1;
    } while ((n & 255) !== 0 || Date.now() < until);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
