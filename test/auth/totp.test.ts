import {
  base32Decode,
  base32Encode,
  hotp,
  otpauthUri,
  totp,
  verifyTotp,
} from "../../server/auth/totp";

// RFC 6238, Appendix B: the seeds are the ASCII strings below, 8 digits, 30 s steps.
const SEEDS = {
  sha1: Buffer.from("12345678901234567890"),
  sha256: Buffer.from("12345678901234567890123456789012"),
  sha512: Buffer.from("1234567890123456789012345678901234567890123456789012345678901234"),
};
const VECTORS: Array<[number, string, string, string]> = [
  [59, "94287082", "46119246", "90693936"],
  [1111111109, "07081804", "68084774", "25091201"],
  [1111111111, "14050471", "67062674", "99943326"],
  [1234567890, "89005924", "91819424", "93441116"],
  [2000000000, "69279037", "90698825", "38618901"],
  [20000000000, "65353130", "77737706", "47863826"],
];

describe("TOTP (RFC 6238)", () => {
  it.each(VECTORS)(
    "at T=%i gives the RFC's codes for SHA-1, SHA-256, SHA-512",
    (t, s1, s256, s512) => {
      expect(totp(SEEDS.sha1, t, { digits: 8, algorithm: "sha1" })).toBe(s1);
      expect(totp(SEEDS.sha256, t, { digits: 8, algorithm: "sha256" })).toBe(s256);
      expect(totp(SEEDS.sha512, t, { digits: 8, algorithm: "sha512" })).toBe(s512);
    },
  );

  it("gives RFC 4226's HOTP values (Appendix D)", () => {
    const expected = ["755224", "287082", "359152", "969429", "338314"];
    expect(expected.map((_, i) => hotp(SEEDS.sha1, i))).toEqual(expected);
  });

  it("accepts the current step and one either side, and says which", () => {
    const now = 1_700_000_000;
    const code = totp(SEEDS.sha1, now - 30);
    expect(verifyTotp(SEEDS.sha1, code, now)).toBe(Math.floor(now / 30) - 1);
    expect(verifyTotp(SEEDS.sha1, totp(SEEDS.sha1, now - 90), now)).toBeNull();
    expect(verifyTotp(SEEDS.sha1, "12345", now)).toBeNull();
    expect(verifyTotp(SEEDS.sha1, "abcdef", now)).toBeNull();
  });

  it("round-trips base32 (RFC 4648 test vector) and makes an otpauth URI", () => {
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Decode("mzxw6ytboi======").toString()).toBe("foobar");
    expect(() => base32Decode("not base32!")).toThrow();
    expect(otpauthUri(SEEDS.sha1, "a@b.test")).toMatch(
      /^otpauth:\/\/totp\/Kehila%20Pulse%3Aa%40b\.test\?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&/,
    );
  });
});
