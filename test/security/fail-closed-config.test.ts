/**
 * Issue 16, finding 3 (configuration): no secret is a constant in the source, development
 * secrets are generated once per data directory and kept 0600, and production refuses
 * weak, equal or known secrets and passwords, naming the variable.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigError, loadConfig, type Config } from "../../server/config";
import { DEV_SECRETS_FILE, readOrCreateDevSecrets } from "../../server/secrets/secrets-file";

/** A secret as `openssl rand -base64 36` makes one. */
const strong = () => crypto.randomBytes(36).toString("base64");
const ADMIN_PASSWORD = "lemon Orbit 7 quietly folds maps";

/** A production environment that starts; each case below spoils one thing. */
const production = (over: Record<string, string | undefined> = {}) => ({
  NODE_ENV: "production",
  SESSION_SECRET: strong(),
  DATA_ENCRYPTION_KEY: strong(),
  ADMIN_PASSWORD,
  ...over,
});

/** Every secret of a configuration, by the variable it comes from. */
function secretsOf(c: Config): Record<string, string> {
  return {
    SESSION_SECRET: c.sessionSecret,
    DATA_ENCRYPTION_KEY: c.dataKeys.map((k) => k.key.toString("base64")).join(","),
    LINK_SECRET: c.linkSecret,
    SMS_WEBHOOK_SECRET: c.sms.webhookSecret,
    ADMIN_PASSWORD: c.admin.password,
    DEMO_PASSWORD: c.demoPassword ?? "",
  };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-fail-closed-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("outside production no secret is a constant", () => {
  it("two configurations without secrets share none of them", () => {
    const [a, b] = [loadConfig({}), loadConfig({})];
    const [sa, sb] = [secretsOf(a), secretsOf(b)];
    for (const name of Object.keys(sa)) {
      expect(sa[name]).toBeTruthy();
      expect(sa[name]).not.toBe(sb[name]);
    }
    // Nor is one secret another's: a link token must not be forgeable from the session key.
    expect(new Set(Object.values(sa)).size).toBe(Object.keys(sa).length);
  });

  it("generates them at first start, 0600 in DATA_DIR, and a restart reuses them", () => {
    const dataDir = path.join(dir, "data");
    const env = { NODE_ENV: "development", DATA_DIR: dataDir };
    const first = loadConfig(env, { devSecrets: readOrCreateDevSecrets });
    const file = path.join(dataDir, DEV_SECRETS_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dataDir).mode & 0o077).toBe(0);
    const again = loadConfig(env, { devSecrets: readOrCreateDevSecrets });
    expect(secretsOf(again)).toEqual(secretsOf(first));
    expect(first.admin.generated).toBe(true);
    // Another data directory, other secrets.
    const other = loadConfig(
      { ...env, DATA_DIR: path.join(dir, "other") },
      { devSecrets: readOrCreateDevSecrets },
    );
    expect(other.sessionSecret).not.toBe(first.sessionSecret);
  });

  it("takes what the environment sets over what was generated", () => {
    const c = loadConfig(
      { DATA_DIR: dir, SESSION_SECRET: "x".repeat(40), ADMIN_PASSWORD: "an explicit one" },
      { devSecrets: readOrCreateDevSecrets },
    );
    expect(c.sessionSecret).toBe("x".repeat(40));
    expect(c.admin).toMatchObject({ password: "an explicit one", generated: false });
  });

  it("tightens a secrets file others can read", () => {
    readOrCreateDevSecrets(dir);
    const file = path.join(dir, DEV_SECRETS_FILE);
    fs.chmodSync(file, 0o644);
    readOrCreateDevSecrets(dir);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it("refuses a secrets file that is not one", () => {
    fs.writeFileSync(path.join(dir, DEV_SECRETS_FILE), "{}", { mode: 0o600 });
    expect(() => readOrCreateDevSecrets(dir)).toThrow(new RegExp(DEV_SECRETS_FILE));
  });
});

describe("production refuses to start", () => {
  it("starts with strong, distinct secrets and a strong admin password", () => {
    const c = loadConfig(production());
    expect(c.env).toBe("production");
    expect(c.admin.generated).toBe(false);
    expect(c.demoPassword).toBeUndefined();
    expect(c.seedDemo).toBe("never");
  });

  it("never takes generated secrets, even when given the means", () => {
    expect(() =>
      loadConfig({ NODE_ENV: "production", DATA_DIR: dir }, { devSecrets: readOrCreateDevSecrets }),
    ).toThrow(/SESSION_SECRET/);
    expect(fs.existsSync(path.join(dir, DEV_SECRETS_FILE))).toBe(false);
  });

  it.each([
    ["SESSION_SECRET", { SESSION_SECRET: undefined }],
    ["DATA_ENCRYPTION_KEY", { DATA_ENCRYPTION_KEY: undefined }],
    ["ADMIN_PASSWORD", { ADMIN_PASSWORD: undefined }],
    ["SESSION_SECRET", { SESSION_SECRET: "a".repeat(36) }],
    ["DATA_ENCRYPTION_KEY", { DATA_ENCRYPTION_KEY: "a".repeat(36) }],
    ["SESSION_SECRET", { SESSION_SECRET: "abcdefghijklmnopqrstuvwxyz0123456789" }],
    ["SESSION_SECRET", { SESSION_SECRET: "passwordpasswordpasswordpassword1234" }],
    ["DATA_ENCRYPTION_KEY", { DATA_ENCRYPTION_KEY: `k1:${Buffer.alloc(32).toString("base64")}` }],
    ["LINK_SECRET", { LINK_SECRET: "ab".repeat(20) }],
    ["SMS_WEBHOOK_SECRET", { SMS_WEBHOOK_SECRET: "x".repeat(40) }],
    ["ADMIN_PASSWORD", { ADMIN_PASSWORD: "aaaaaaaaaaaa" }],
    ["ADMIN_PASSWORD", { ADMIN_PASSWORD: "dev-admin-password-change-me" }],
    ["ADMIN_PASSWORD", { ADMIN_PASSWORD: "demo-pulse-2026" }],
    ["ADMIN_PASSWORD", { ADMIN_PASSWORD: "P@ssw0rd123456!" }],
    ["ADMIN_PASSWORD", { ADMIN_PASSWORD: "Xq7#mLp2$vR9" }], // strong-looking but short
    ["ADMIN_PASSWORD", { ADMIN_PASSWORD: "kehila-pulse-admin-2026" }],
  ])("names %s when it is missing, weak or known (%p)", (name, over) => {
    const env = production(over);
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`\\b${name}\\b`));
  });

  it("refuses SESSION_SECRET = DATA_ENCRYPTION_KEY, and any two secrets alike", () => {
    const same = strong();
    expect(() =>
      loadConfig(production({ SESSION_SECRET: same, DATA_ENCRYPTION_KEY: same })),
    ).toThrow(/SESSION_SECRET.*DATA_ENCRYPTION_KEY|DATA_ENCRYPTION_KEY.*SESSION_SECRET/);
    expect(() => loadConfig(production({ SESSION_SECRET: same, LINK_SECRET: same }))).toThrow(
      /LINK_SECRET/,
    );
    expect(() => loadConfig(production({ SMS_WEBHOOK_SECRET: same, LINK_SECRET: same }))).toThrow(
      /SMS_WEBHOOK_SECRET/,
    );
  });

  it("each refusal is one line naming the variable, never its value", () => {
    const env = production({ SESSION_SECRET: "a".repeat(36) });
    try {
      loadConfig(env);
      throw new Error("started");
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      for (const line of message.split("\n").slice(1)) expect(line).toMatch(/^ {2}[A-Z_]+: /);
      expect(message).not.toContain("a".repeat(36));
    }
  });

  it("never seeds the demo, whatever SEED_DEMO says", () => {
    expect(loadConfig(production({ SEED_DEMO: "auto" })).seedDemo).toBe("never");
  });
});
