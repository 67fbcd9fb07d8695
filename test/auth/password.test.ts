import { hashPassword, verifyPassword } from "../../server/auth/password";

describe("password hashing (scrypt)", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("שלום עולם סיסמה ארוכה");
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword("שלום עולם סיסמה ארוכה", stored)).toBe(true);
    expect(await verifyPassword("שלום עולם סיסמה ארוכה!", stored)).toBe(false);
  });

  it("salts: one password hashes differently twice", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("treats NFC and NFD spellings of a password as one", async () => {
    const stored = await hashPassword("caf\u00e9 au lait!");
    expect(await verifyPassword("cafe\u0301 au lait!", stored)).toBe(true);
  });

  it("refuses malformed or absurd stored hashes without throwing", async () => {
    expect(await verifyPassword("x", "plain")).toBe(false);
    expect(await verifyPassword("x", "scrypt$999999999$8$1$AAAA$AAAA")).toBe(false);
  });
});
