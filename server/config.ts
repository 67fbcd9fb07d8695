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

/** Which environment variable each setting's schema reads, for messages that name it. */
const ENV_NAMES = new WeakMap<z.ZodType, string>();

/** A setting read from the environment variable `name`, checked and converted by `schema`. */
function fromEnv<S extends z.ZodType>(name: string, schema: S): S {
  ENV_NAMES.set(schema, name);
  return schema;
}

/**
 * The settings, each beside the environment variable it is read from: one
 * declaration, from which zod infers the settings' type (and so Config's).
 */
const settingsSchema = z.object({
  env: fromEnv("NODE_ENV", z.enum(["development", "test", "production"]).default("development")),
  port: fromEnv("PORT", z.coerce.number().int().min(0).max(65535).default(3000)),
  host: fromEnv("HOST", z.string().min(1).default("127.0.0.1")),
  /** Real MongoDB; unset starts the embedded store. */
  mongodbUri: fromEnv(
    "MONGODB_URI",
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, "must start with mongodb:// or mongodb+srv://")
      .optional(),
  ),
  dataDir: fromEnv(
    "DATA_DIR",
    z
      .string()
      .min(1)
      .default("./data")
      .transform((dir) => path.resolve(process.cwd(), dir)),
  ),
  /**
   * Whether the embedded store runs in a thread of its own (server/db/embedded/thread.ts):
   * its heap then is not the one every request's garbage collection traces.
   */
  storeThread: fromEnv("STORE_THREAD", z.enum(["on", "off"]).default("on")),
  /**
   * The most heap, in MiB, the store's thread may use; unset, a share of the machine's
   * memory (storeHeapDefaultMb in server/db/embedded/thread.ts). The store holds every
   * document in memory: at national size it outgrows V8's own default of about 4 GiB.
   */
  storeHeapMb: fromEnv("STORE_HEAP_MB", z.coerce.number().int().min(256).optional()),
  logLevel: fromEnv(
    "LOG_LEVEL",
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
  // Secrets: unset ones are filled in by loadConfig (generated outside production).
  sessionSecret: fromEnv("SESSION_SECRET", z.string().min(32).optional()),
  dataEncryptionKey: fromEnv("DATA_ENCRYPTION_KEY", z.string().min(32).optional()),
  /** Key personal survey links (/r/<token>) are derived with; see server/distribution/links.ts. */
  linkSecret: fromEnv("LINK_SECRET", z.string().min(32).optional()),
  publicUrl: fromEnv("PUBLIC_URL", z.string().url().optional()),
  seedDemo: fromEnv("SEED_DEMO", z.enum(["auto", "never"]).default("auto")),
  maxBodyBytes: fromEnv("MAX_BODY_BYTES", positiveInt(256 * 1024)),
  admin: z.object({
    email: fromEnv(
      "ADMIN_EMAIL",
      z
        .email()
        .default(DEV_ADMIN_EMAIL)
        .transform((email) => email.toLowerCase()),
    ),
    password: fromEnv("ADMIN_PASSWORD", z.string().min(12).max(200).optional()),
  }),
  session: z.object({
    ttlHours: fromEnv("SESSION_TTL_HOURS", positiveInt(12)),
    idleMinutes: fromEnv("SESSION_IDLE_MINUTES", positiveInt(60)),
  }),
  inviteTtlHours: fromEnv("INVITE_TTL_HOURS", positiveInt(72)),
  login: z.object({
    maxFailures: fromEnv("LOGIN_MAX_FAILURES", positiveInt(5)),
    ipMaxFailures: fromEnv("LOGIN_IP_MAX_FAILURES", positiveInt(30)),
    lockMinutes: fromEnv("LOGIN_LOCK_MINUTES", positiveInt(15)),
  }),
  rateLimit: z.object({
    ipPerMinute: fromEnv("RATE_LIMIT_IP_PER_MINUTE", positiveInt(300)),
    tokenPerMinute: fromEnv("RATE_LIMIT_TOKEN_PER_MINUTE", positiveInt(600)),
  }),
  /**
   * Open links (server/take/stuffing-guard.ts): submissions per 10 minutes past which
   * new devices solve a proof of work (0: never), its difficulty, and one address's share.
   */
  openLink: z.object({
    challengeAfter: fromEnv(
      "OPEN_LINK_CHALLENGE_AFTER",
      z.coerce.number().int().min(0).default(60),
    ),
    challengeBits: fromEnv(
      "OPEN_LINK_CHALLENGE_BITS",
      z.coerce.number().int().min(8).max(26).default(16),
    ),
    burstPerAddress: fromEnv("OPEN_LINK_BURST_PER_ADDRESS", positiveInt(10)),
  }),
  /** Proxy hops in front of the server whose X-Forwarded-For is believed (0: none). */
  trustProxy: fromEnv("TRUST_PROXY", z.coerce.number().int().min(0).max(10).default(0)),
  /** The SMS gateway, the send queue and the webhooks (server/distribution). */
  sms: z.object({
    provider: fromEnv("SMS_PROVIDER", z.enum(["outbox", "http"]).default("outbox")),
    /** Alphanumeric sender id (at most 11 characters) or a number. */
    sender: fromEnv(
      "SMS_SENDER",
      z
        .string()
        .regex(/^[A-Za-z0-9 ]{1,11}$|^\+?[0-9]{3,15}$/)
        .default("KehilaPulse"),
    ),
    http: z.object({
      url: fromEnv("SMS_HTTP_URL", z.string().url().optional()),
      token: fromEnv("SMS_HTTP_TOKEN", z.string().optional()),
      contentType: fromEnv(
        "SMS_HTTP_CONTENT_TYPE",
        z
          .enum(["application/json", "application/xml", "application/x-www-form-urlencoded"])
          .default("application/json"),
      ),
      /** Request body with {{to}} {{text}} {{sender}} {{reference}} placeholders. */
      template: fromEnv(
        "SMS_HTTP_TEMPLATE",
        z
          .string()
          .default(
            '{"from":"{{sender}}","to":"{{to}}","text":"{{text}}","reference":"{{reference}}"}',
          ),
      ),
      /** Dotted path of the gateway's message id in its JSON answer. */
      idPath: fromEnv("SMS_HTTP_ID_PATH", z.string().default("id")),
    }),
    ratePerSecond: fromEnv("SMS_RATE_PER_SECOND", positiveInt(10)),
    maxAttempts: fromEnv("SMS_MAX_ATTEMPTS", positiveInt(5)),
    retryBaseSeconds: fromEnv("SMS_RETRY_BASE_SECONDS", positiveInt(60)),
    /** HMAC key of delivery-receipt and inbound webhooks (filled in by loadConfig when unset). */
    webhookSecret: fromEnv("SMS_WEBHOOK_SECRET", z.string().min(32).optional()),
    workerIntervalMs: fromEnv("SMS_WORKER_INTERVAL_MS", positiveInt(5000)),
  }),
  /** Largest contacts file (CSV or XLSX) an import accepts. */
  contactsImportMaxBytes: fromEnv("CONTACTS_IMPORT_MAX_BYTES", positiveInt(20 * 1024 * 1024)),
  /** HTTP processes on this machine (one per core); above 1 the first process keeps the store. */
  workers: fromEnv("WORKERS", z.coerce.number().int().min(1).max(64).default(1)),
  /** Where dashboard, results and export reads go on a replica set (see README). */
  analyticsReadPreference: fromEnv(
    "ANALYTICS_READ_PREFERENCE",
    z
      .enum(["primary", "primaryPreferred", "secondary", "secondaryPreferred", "nearest"])
      .default("secondaryPreferred"),
  ),
  /** What a cell needs to be reported (server/analytics/reporting-rules.ts). */
  reporting: z.object({
    /**
     * The widest 95% CI half-width shown, as a share of the scale's range
     * (0.125: ±0.5 points on a 1-5 scale).
     */
    maxHalfWidthShare: fromEnv(
      "REPORTING_MAX_CI_HALF_WIDTH_SHARE",
      z.coerce.number().positive().max(1).default(0.125),
    ),
  }),
});

type Settings = z.output<typeof settingsSchema>;

/** Read-only all the way down, as the frozen configuration is (a key's bytes aside). */
type DeepReadonly<T> = T extends Buffer
  ? T
  : T extends readonly (infer U)[]
    ? readonly DeepReadonly<U>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

/** The platform's configuration: the settings, with secrets and derived values filled in. */
export type Config = DeepReadonly<ReturnType<typeof completed>>;

/** The SMS gateway, the send queue and the webhooks (server/distribution). */
export type SmsConfig = Config["sms"];

/** One AES-256 key of the data keyring, named so ciphertexts say which key made them. */
export interface DataKey {
  id: string;
  key: Buffer;
}

/** The smallest n (and effective n) a reported cell needs. */
const MIN_CELL = 10;

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

/** The input the settings schema parses: each setting's variable, at the setting's place. */
function inputOf(schema: z.ZodObject, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const name = ENV_NAMES.get(child);
    if (name) input[key] = env[name];
    else if (child instanceof z.ZodObject) input[key] = inputOf(child, env);
  }
  return input;
}

/** The environment variable a parse issue is about, found along the issue's path. */
function variableOf(issuePath: readonly PropertyKey[]): string {
  let node: z.ZodType | undefined = settingsSchema;
  for (const key of issuePath)
    node = node instanceof z.ZodObject ? (node.shape as Record<PropertyKey, z.ZodType>)[key] : node;
  return (node && ENV_NAMES.get(node)) ?? issuePath.join(".");
}

/**
 * The settings with what the environment does not give: secrets generated outside
 * production (or derived from SESSION_SECRET in it), the data keys, and what follows
 * from the environment being production.
 */
function completed(s: Settings, dev: DevSecrets | undefined) {
  const production = s.env === "production";
  // Production has every secret it needs by now (productionRefusals); nothing is generated.
  const sessionSecret = s.sessionSecret ?? dev!.sessionSecret;
  const dataEncryptionKey = s.dataEncryptionKey ?? dev!.dataEncryptionKey;
  return {
    ...s,
    rootDir: process.cwd(),
    sessionSecret,
    dataEncryptionKey,
    /** Data keys, newest first: the first encrypts, all decrypt (rotation). */
    dataKeys: parseDataKeys(dataEncryptionKey),
    // The demo has published accounts and a live open link: never in production.
    seedDemo: production ? ("never" as const) : s.seedDemo,
    /** `generated`: the password came from the data directory's secrets, not ADMIN_PASSWORD. */
    admin: {
      email: s.admin.email,
      password: s.admin.password ?? dev!.adminPassword,
      generated: s.admin.password === undefined,
    },
    /** The demo accounts' password (generated per data directory); none in production. */
    demoPassword: dev?.demoPassword,
    session: { ...s.session, secureCookie: production },
    // Its own secret when set (generated outside production); otherwise, in production,
    // derived from SESSION_SECRET, so rotating that secret also invalidates personal
    // links already sent (set LINK_SECRET to decouple).
    linkSecret: s.linkSecret ?? dev?.linkSecret ?? derivedSecret(sessionSecret, "personal-links"),
    sms: {
      ...s.sms,
      // Normally the gateway's own shared secret; generated outside production, and in
      // production derived from SESSION_SECRET when unset.
      webhookSecret:
        s.sms.webhookSecret ??
        dev?.smsWebhookSecret ??
        derivedSecret(sessionSecret, "sms-webhooks"),
    },
    reporting: { ...s.reporting, minCell: MIN_CELL },
  };
}

/** Freezes an object and everything in it (a key's bytes aside). */
function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (value && typeof value === "object" && !Buffer.isBuffer(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value as DeepReadonly<T>;
}

/** Parses an environment (process.env by default) into the platform's configuration. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: LoadOptions = {},
): Config {
  const parsed = settingsSchema.safeParse(inputOf(settingsSchema, env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${variableOf(i.path)}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const s = parsed.data;
  if (s.env === "production") {
    const refusals = productionRefusals({ ...env, ADMIN_EMAIL: s.admin.email });
    if (refusals.length > 0) {
      const lines = refusals.map((r) => `  ${r.variable}: ${r.problem}`);
      throw new ConfigError(`Refusing to start in production:\n${lines.join("\n")}`);
    }
  }
  const dev =
    s.env === "production" ? undefined : (options.devSecrets?.(s.dataDir) ?? generateDevSecrets());
  return deepFreeze(completed(s, dev));
}
