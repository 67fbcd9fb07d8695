import crypto from "node:crypto";
import { createFieldCipher, DecryptionError } from "../../server/privacy/crypto";

const key = (id: string) => ({ id, key: crypto.randomBytes(32) });

describe("field encryption (AES-256-GCM)", () => {
  const k1 = key("k1");
  const k2 = key("k2");

  it("round-trips, with a fresh IV each time", () => {
    const c = createFieldCipher([k1]);
    const a = c.encrypt("+972501234567", "contacts.phone");
    const b = c.encrypt("+972501234567", "contacts.phone");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.k1\./);
    expect(a).not.toContain("972");
    expect(c.decrypt(a, "contacts.phone")).toBe("+972501234567");
  });

  it("binds a value to its field: moved to another field it does not open", () => {
    const c = createFieldCipher([k1]);
    const sealed = c.encrypt("דנה כהן", "contacts.name");
    expect(() => c.decrypt(sealed, "contacts.phone")).toThrow(DecryptionError);
  });

  it("detects tampering", () => {
    const c = createFieldCipher([k1]);
    const parts = c.encrypt("0501234567", "contacts.phone").split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString("base64url");
    expect(() => c.decrypt(parts.join("."), "contacts.phone")).toThrow(DecryptionError);
  });

  it("rotates: old values open with the old key, and re-encrypt under the new", () => {
    const old = createFieldCipher([k1]).encrypt("0521111111", "contacts.phone");
    const rotated = createFieldCipher([k2, k1]);
    expect(rotated.decrypt(old, "contacts.phone")).toBe("0521111111");
    expect(rotated.needsRotation(old)).toBe(true);
    const fresh = rotated.rotate(old, "contacts.phone");
    expect(fresh).toMatch(/^v1\.k2\./);
    expect(rotated.needsRotation(fresh)).toBe(false);
    // once k1 is retired, only the re-encrypted value still opens
    const retired = createFieldCipher([k2]);
    expect(retired.decrypt(fresh, "contacts.phone")).toBe("0521111111");
    expect(() => retired.decrypt(old, "contacts.phone")).toThrow(/unknown key id k1/);
  });

  it("gives a deterministic blind index per field, without the plaintext", () => {
    const c = createFieldCipher([k1]);
    const a = c.blindIndex("0501234567", "contacts.phone");
    expect(a).toBe(c.blindIndex("0501234567", "contacts.phone"));
    expect(a).not.toBe(c.blindIndex("0501234567", "contacts.other"));
    expect(a).not.toContain("050");
  });
});
