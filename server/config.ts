import crypto from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { generateDevSecrets, type DevSecrets } from "./secrets/generated";
import { keyringEntries, productionRefusals } from "./secrets/production-rules";

/**
 * The only reader of process.env. Parsed once with zod; the result is frozen.
 * No secret has a value in the source: outside production an unset one comes from the
 * secrets generated for the data directory (server/secrets/secrets-file.ts), so
 * `npm start` works out of the box; production takes none of those and refuses to
 * start on a missing, weak, repeated or published secret or admin password.
 */
const DEV_ADMIN_EMAIL = "admin@kehila-pulse.test";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, "must start with mongodb:// or mongodb+srv://")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SESSION_SECRET: z.string().min(32).optional(),
  DATA_ENCRYPTION_KEY: z.string().min(32).optional(),
  PUBLIC_URL: z.string().url().optional(),
  SEED_DEMO: z.enum(["auto", "never"]).default("auto"),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(256 * 1024),
  ADMIN_EMAIL: z.email().default(DEV_ADMIN_EMAIL),
  ADMIN_PASSWORD: z.string().min(12).max(200).optional(),
  SESSION_TTL_HOURS: positiveInt(12),
  SESSION_IDLE_MINUTES: positiveInt(60),
  INVITE_TTL_HOURS: positiveInt(72),
  LOGIN_MAX_FAILURES: positiveInt(5),
  LOGIN_IP_MAX_FAILURES: positiveInt(30),
  LOGIN_LOCK_MINUTES: positiveInt(15),
  RATE_LIMIT_IP_PER_MINUTE: positiveInt(300),
  RATE_LIMIT_TOKEN_PER_MINUTE: positiveInt(600),
  // Open links (server/take/stuffing-guard.ts): submissions per 10 minutes past which new
  // devices solve a proof of work (0: never), its difficulty, and one address's share.
  OPEN_LINK_CHALLENGE_AFTER: z.coerce.number().int().min(0).default(60),
  OPEN_LINK_CHALLENGE_BITS: z.coerce.number().int().min(8).max(26).default(16),
  OPEN_LINK_BURST_PER_ADDRESS: positiveInt(10),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  // Distribution (server/distribution): personal links, SMS gateway, queue, webhooks.
  LINK_SECRET: z.string().min(32).optional(),
  SMS_PROVIDER: z.enum(["outbox", "http"]).default("outbox"),
  SMS_SENDER: z
    .string()
    .regex(/^[A-Za-z0-9 ]{1,11}$|^\+?[0-9]{3,15}$/)
    .default("KehilaPulse"),
  SMS_HTTP_URL: z.string().url().optional(),
  SMS_HTTP_TOKEN: z.string().optional(),
  SMS_HTTP_CONTENT_TYPE: z
    .enum(["application/json", "application/xml", "application/x-www-form-urlencoded"])
    .default("application/json"),
  SMS_HTTP_TEMPLATE: z
    .string()
    .default('{"from":"{{sender}}","to":"{{to}}","text":"{{text}}","reference":"{{reference}}"}'),
  SMS_HTTP_ID_PATH: z.string().default("id"),
  SMS_RATE_PER_SECOND: positiveInt(10),
  SMS_MAX_ATTEMPTS: positiveInt(5),
  SMS_RETRY_BASE_SECONDS: positiveInt(60),
  SMS_WEBHOOK_SECRET: z.string().min(32).optional(),
  SMS_WORKER_INTERVAL_MS: positiveInt(5000),
  CONTACTS_IMPORT_MAX_BYTES: positiveInt(20 * 1024 * 1024),
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  ANALYTICS_READ_PREFERENCE: z
    .enum(["primary", "primaryPreferred", "secondary", "secondaryPreferred", "nearest"])
    .default("secondaryPreferred"),
  // Reporting rules (server/analytics/reporting-rules.ts): the widest 95% CI half-width
  // shown, as a share of the scale's range (0.125: ±0.5 points on a 1-5 scale).
  REPORTING_MAX_CI_HALF_WIDTH_SHARE: z.coerce.number().positive().max(1).default(0.125),
});

export type Config = Readonly<{
  env: "development" | "test" | "production";
  port: number;
  host: string;
  mongodbUri: string | undefined;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  sessionSecret: string;
  dataEncryptionKey: string;
  publicUrl: string | undefined;
  seedDemo: "auto" | "never";
  maxBodyBytes: number;
  rootDir: string;
  /** `generated`: the password came from the data directory's secrets, not ADMIN_PASSWORD. */
  admin: Readonly<{ email: string; password: string; generated: boolean }>;
  /** The demo accounts' password (generated per data directory); none in production. */
  demoPassword: string | undefined;
  /** Data keys, newest first: the first encrypts, all decrypt (rotation). */
  dataKeys: readonly DataKey[];
  session: Readonly<{ ttlHours: number; idleMinutes: number; secureCookie: boolean }>;
  inviteTtlHours: number;
  login: Readonly<{ maxFailures: number; ipMaxFailures: number; lockMinutes: number }>;
  rateLimit: Readonly<{ ipPerMinute: number; tokenPerMinute: number }>;
  /** Anti-stuffing of open links, per 10 minutes (server/take/stuffing-guard.ts). */
  openLink: Readonly<{ challengeAfter: number; challengeBits: number; burstPerAddress: number }>;
  /** Proxy hops in front of the server whose X-Forwarded-For is believed (0: none). */
  trustProxy: number;
  /** Key personal survey links (/r/<token>) are derived with; see server/distribution/links.ts. */
  linkSecret: string;
  sms: Readonly<SmsConfig>;
  /** Largest contacts file (CSV or XLSX) an import accepts. */
  contactsImportMaxBytes: number;
  /** HTTP processes on this machine (one per core); above 1 the first process keeps the store. */
  workers: number;
  /** Where dashboard, results and export reads go on a replica set (see README). */
  analyticsReadPreference: z.infer<typeof envSchema>["ANALYTICS_READ_PREFERENCE"];
  /** What a cell needs to be reported: n and effective n, and the CI half-width share. */
  reporting: Readonly<{ minCell: number; maxHalfWidthShare: number }>;
}>;

/** The SMS gateway, the send queue and the webhooks (server/distribution). */
export interface SmsConfig {
  provider: "outbox" | "http";
  /** Alphanumeric sender id (at most 11 characters) or a number. */
  sender: string;
  http: Readonly<{
    url: string | undefined;
    token: string | undefined;
    contentType: "application/json" | "application/xml" | "application/x-www-form-urlencoded";
    /** Request body with {{to}} {{text}} {{sender}} {{reference}} placeholders. */
    template: string;
    /** Dotted path of the gateway's message id in its JSON answer. */
    idPath: string;
  }>;
  ratePerSecond: number;
  maxAttempts: number;
  retryBaseSeconds: number;
  /** HMAC key of delivery-receipt and inbound webhooks. */
  webhookSecret: string;
  workerIntervalMs: number;
}

/** One AES-256 key of the data keyring, named so ciphertexts say which key made them. */
export interface DataKey {
  id: string;
  key: Buffer;
}

/**
 * DATA_ENCRYPTION_KEY is either a keyring `id:base64key,id:base64key` (32-byte keys,
 * newest first, so a key can be rotated in while old data still decrypts) or one
 * passphrase of 32+ characters, stretched with HKDF under the id `p1`.
 */
function parseDataKeys(value: string): DataKey[] {
  const ring = keyringEntries(value);
  if (ring) {
    const keys = ring.map((k) => ({ id: k.id, key: Buffer.from(k.base64, "base64") }));
    const wellFormed = ring.every((k) => /^[A-Za-z0-9+/]{43}=?$/.test(k.base64));
    if (!wellFormed || keys.some((k) => k.key.length !== 32))
      throw new ConfigError("DATA_ENCRYPTION_KEY: each key must be 32 bytes in base64");
    if (new Set(keys.map((k) => k.id)).size !== keys.length)
      throw new ConfigError("DATA_ENCRYPTION_KEY: key ids must be unique");
    return keys;
  }
  const key = Buffer.from(
    crypto.hkdfSync("sha256", value, "kehila-pulse", "data-encryption-key", 32),
  );
  return [{ id: "p1", key }];
}

/** A secret of its own for one purpose, derived from another with HKDF. */
function derivedSecret(from: string, purpose: string): string {
  return Buffer.from(crypto.hkdfSync("sha256", from, "kehila-pulse", purpose, 32)).toString(
    "base64url",
  );
}

/** Thrown when the environment cannot make a safe configuration. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Where a platform outside production gets the secrets its environment does not set. */
export interface LoadOptions {
  /**
   * The data directory's generated secrets (server/secrets/secrets-file.ts, for
   * main.ts and the scripts). Without it each load generates fresh ones that live
   * only as long as the process: right for tests, never a constant.
   */
  devSecrets?: (dataDir: string) => DevSecrets;
}

/** Parses an environment (process.env by default) into the platform's configuration. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: LoadOptions = {},
): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const rootDir = process.cwd();
  const dataDir = path.resolve(rootDir, e.DATA_DIR);
  const production = e.NODE_ENV === "production";
  if (production) {
    const refusals = productionRefusals(e);
    if (refusals.length > 0) {
      const lines = refusals.map((r) => `  ${r.variable}: ${r.problem}`);
      throw new ConfigError(`Refusing to start in production:\n${lines.join("\n")}`);
    }
  }
  // Production has every secret it needs by now (productionRefusals); nothing is generated.
  const dev: DevSecrets | undefined = production
    ? undefined
    : (options.devSecrets?.(dataDir) ?? generateDevSecrets());
  const sessionSecret = e.SESSION_SECRET ?? dev!.sessionSecret;
  const dataEncryptionKey = e.DATA_ENCRYPTION_KEY ?? dev!.dataEncryptionKey;
  const adminPassword = e.ADMIN_PASSWORD ?? dev!.adminPassword;
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    mongodbUri: e.MONGODB_URI,
    dataDir,
    logLevel: e.LOG_LEVEL,
    sessionSecret,
    dataEncryptionKey,
    publicUrl: e.PUBLIC_URL,
    // The demo has published accounts and a live open link: never in production.
    seedDemo: production ? "never" : e.SEED_DEMO,
    maxBodyBytes: e.MAX_BODY_BYTES,
    rootDir,
    admin: Object.freeze({
      email: e.ADMIN_EMAIL.toLowerCase(),
      password: adminPassword,
      generated: e.ADMIN_PASSWORD === undefined,
    }),
    demoPassword: dev?.demoPassword,
    dataKeys: Object.freeze(parseDataKeys(dataEncryptionKey)),
    session: Object.freeze({
      ttlHours: e.SESSION_TTL_HOURS,
      idleMinutes: e.SESSION_IDLE_MINUTES,
      secureCookie: e.NODE_ENV === "production",
    }),
    inviteTtlHours: e.INVITE_TTL_HOURS,
    login: Object.freeze({
      maxFailures: e.LOGIN_MAX_FAILURES,
      ipMaxFailures: e.LOGIN_IP_MAX_FAILURES,
      lockMinutes: e.LOGIN_LOCK_MINUTES,
    }),
    rateLimit: Object.freeze({
      ipPerMinute: e.RATE_LIMIT_IP_PER_MINUTE,
      tokenPerMinute: e.RATE_LIMIT_TOKEN_PER_MINUTE,
    }),
    openLink: Object.freeze({
      challengeAfter: e.OPEN_LINK_CHALLENGE_AFTER,
      challengeBits: e.OPEN_LINK_CHALLENGE_BITS,
      burstPerAddress: e.OPEN_LINK_BURST_PER_ADDRESS,
    }),
    trustProxy: e.TRUST_PROXY,
    // Its own secret when set (generated outside production); otherwise, in production,
    // derived from SESSION_SECRET, so rotating that secret also invalidates personal
    // links already sent (set LINK_SECRET to decouple).
    linkSecret: e.LINK_SECRET ?? dev?.linkSecret ?? derivedSecret(sessionSecret, "personal-links"),
    sms: Object.freeze({
      provider: e.SMS_PROVIDER,
      sender: e.SMS_SENDER,
      http: Object.freeze({
        url: e.SMS_HTTP_URL,
        token: e.SMS_HTTP_TOKEN,
        contentType: e.SMS_HTTP_CONTENT_TYPE,
        template: e.SMS_HTTP_TEMPLATE,
        idPath: e.SMS_HTTP_ID_PATH,
      }),
      ratePerSecond: e.SMS_RATE_PER_SECOND,
      maxAttempts: e.SMS_MAX_ATTEMPTS,
      retryBaseSeconds: e.SMS_RETRY_BASE_SECONDS,
      // Normally the gateway's own shared secret; generated outside production, and in
      // production derived from SESSION_SECRET when unset.
      webhookSecret:
        e.SMS_WEBHOOK_SECRET ??
        dev?.smsWebhookSecret ??
        derivedSecret(sessionSecret, "sms-webhooks"),
      workerIntervalMs: e.SMS_WORKER_INTERVAL_MS,
    }),
    contactsImportMaxBytes: e.CONTACTS_IMPORT_MAX_BYTES,
    workers: e.WORKERS,
    analyticsReadPreference: e.ANALYTICS_READ_PREFERENCE,
    reporting: Object.freeze({
      minCell: 10,
      maxHalfWidthShare: e.REPORTING_MAX_CI_HALF_WIDTH_SHARE,
    }),
  });
}
