import { ConfigError, loadConfig } from "../../server/config";

describe("configuration", () => {
  it("has safe development defaults", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ env: "development", port: 3000, mongodbUri: undefined });
    expect(c.dataDir.endsWith("/data")).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it("refuses to start in production with development secrets", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(
      /SESSION_SECRET, DATA_ENCRYPTION_KEY, ADMIN_PASSWORD/,
    );
  });

  it("starts in production with real secrets", () => {
    const secret = "a".repeat(48);
    const c = loadConfig({
      NODE_ENV: "production",
      SESSION_SECRET: secret,
      DATA_ENCRYPTION_KEY: `${secret}b`,
      ADMIN_PASSWORD: "a long admin passphrase",
    });
    expect(c.env).toBe("production");
    expect(c.session.secureCookie).toBe(true);
    expect(c.dataKeys).toEqual([{ id: "p1", key: expect.any(Buffer) }]);
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
