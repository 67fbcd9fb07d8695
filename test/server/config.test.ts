import crypto from "node:crypto";
import { ConfigError, loadConfig } from "../../server/config";

/** A secret as `openssl rand -base64 36` makes one. */
const strong = () => crypto.randomBytes(36).toString("base64");

describe("configuration", () => {
  it("has safe development defaults", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ env: "development", port: 3000, mongodbUri: undefined });
    expect(c.dataDir.endsWith("/data")).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it("refuses to start in production without its secrets, naming each", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(
      /SESSION_SECRET: is not set[\s\S]*DATA_ENCRYPTION_KEY: is not set[\s\S]*ADMIN_PASSWORD: is not set/,
    );
  });

  it("starts in production with real secrets", () => {
    const c = loadConfig({
      NODE_ENV: "production",
      SESSION_SECRET: strong(),
      DATA_ENCRYPTION_KEY: strong(),
      ADMIN_PASSWORD: "a long admin passphrase",
    });
    expect(c.env).toBe("production");
    expect(c.session.secureCookie).toBe(true);
    expect(c.dataKeys).toEqual([{ id: "p1", key: expect.any(Buffer) }]);
  });

  it("starts in production with a keyring, and derives the link and webhook secrets", () => {
    const session = strong();
    const c = loadConfig({
      NODE_ENV: "production",
      SESSION_SECRET: session,
      DATA_ENCRYPTION_KEY: `k1:${crypto.randomBytes(32).toString("base64")}`,
      ADMIN_PASSWORD: "a long admin passphrase",
    });
    expect(c.dataKeys.map((k) => k.id)).toEqual(["k1"]);
    expect(new Set([session, c.linkSecret, c.sms.webhookSecret]).size).toBe(3);
  });

  it.each([
    [{ PORT: "http" }, /PORT/],
    [{ MONGODB_URI: "postgres://x" }, /MONGODB_URI/],
    [{ SESSION_SECRET: "short" }, /SESSION_SECRET/],
    [{ ADMIN_PASSWORD: "short" }, /ADMIN_PASSWORD/],
    [
      { DATA_ENCRYPTION_KEY: `k1:${Buffer.alloc(16).toString("base64")}xxxxxxxxxxxxxxxx` },
      /DATA_ENCRYPTION_KEY/,
    ],
  ])("names what is wrong in %p", (env, pattern) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(pattern);
  });

  it("reads a keyring of named 32-byte keys, newest first", () => {
    const k1 = Buffer.alloc(32, 1).toString("base64");
    const k2 = Buffer.alloc(32, 2).toString("base64");
    const c = loadConfig({ DATA_ENCRYPTION_KEY: `k2:${k2},k1:${k1}` });
    expect(c.dataKeys.map((k) => k.id)).toEqual(["k2", "k1"]);
    expect(c.dataKeys[0]!.key.equals(Buffer.alloc(32, 2))).toBe(true);
  });
});
