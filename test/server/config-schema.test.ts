import fs from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig, type Config } from "../../server/config";

/**
 * The configuration is declared once: each setting names its environment variable
 * beside the schema that checks it, and Config's type is what that schema gives,
 * not a second hand-written type with a field-by-field copy from the parsed env.
 */
const source = fs.readFileSync(path.resolve(__dirname, "../../server/config.ts"), "utf8");

describe("the configuration schema", () => {
  it("is the one declaration: no hand-written Config type, no copy of parsed variables", () => {
    expect(source).not.toMatch(/export (type|interface) Config\b\s*=?\s*(Readonly<)?\{/);
    expect(source).not.toMatch(/\be\.[A-Z][A-Z0-9_]+/);
  });

  it("declares each environment variable once", () => {
    const names = [...source.matchAll(/fromEnv\(\s*"([A-Z][A-Z0-9_]+)"/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(40);
    expect(new Set(names).size).toBe(names.length);
  });

  it("names the variable of a nested setting that is wrong", () => {
    expect(() => loadConfig({ SMS_HTTP_URL: "not a url" })).toThrow(ConfigError);
    expect(() => loadConfig({ SMS_HTTP_URL: "not a url" })).toThrow(/SMS_HTTP_URL/);
    expect(() => loadConfig({ LOGIN_LOCK_MINUTES: "-1" })).toThrow(/LOGIN_LOCK_MINUTES/);
  });

  it("reads nested settings and freezes every level", () => {
    const c: Config = loadConfig({
      SMS_HTTP_URL: "https://sms.example.org/send",
      LOGIN_MAX_FAILURES: "7",
      REPORTING_MAX_CI_HALF_WIDTH_SHARE: "0.2",
      ADMIN_EMAIL: "Someone@Example.org",
    });
    expect(c.sms.http.url).toBe("https://sms.example.org/send");
    expect(c.login.maxFailures).toBe(7);
    expect(c.reporting).toEqual({ minCell: 10, maxHalfWidthShare: 0.2 });
    expect(c.admin.email).toBe("someone@example.org");
    for (const part of [c, c.sms, c.sms.http, c.login, c.admin, c.session, c.dataKeys])
      expect(Object.isFrozen(part)).toBe(true);
  });
});
