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
      /SESSION_SECRET, DATA_ENCRYPTION_KEY/,
    );
  });

  it("starts in production with real secrets", () => {
    const secret = "a".repeat(48);
    const c = loadConfig({
      NODE_ENV: "production",
      SESSION_SECRET: secret,
      DATA_ENCRYPTION_KEY: `${secret}b`,
    });
    expect(c.env).toBe("production");
  });

  it.each([
    [{ PORT: "http" }, /PORT/],
    [{ MONGODB_URI: "postgres://x" }, /MONGODB_URI/],
    [{ SESSION_SECRET: "short" }, /SESSION_SECRET/],
  ])("names what is wrong in %p", (env, pattern) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(pattern);
  });
});
