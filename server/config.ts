import path from "node:path";
import { z } from "zod";

/**
 * The only reader of process.env. Parsed once with zod; the result is frozen.
 * Secrets have development defaults so `npm start` works out of the box, and the
 * server refuses to start in production while any of them is still a default.
 */
const DEV_SECRET = "dev-only-secret-change-me-0000000000000000";

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
  SESSION_SECRET: z.string().min(32).default(DEV_SECRET),
  DATA_ENCRYPTION_KEY: z.string().min(32).default(DEV_SECRET),
  PUBLIC_URL: z.string().url().optional(),
  SEED_DEMO: z.enum(["auto", "never"]).default("auto"),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(256 * 1024),
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
}>;

/** Thrown when the environment cannot make a safe configuration. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses an environment (process.env by default) into the platform's configuration. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === "production") {
    const defaults = (["SESSION_SECRET", "DATA_ENCRYPTION_KEY"] as const).filter(
      (k) => e[k] === DEV_SECRET,
    );
    if (defaults.length > 0) {
      throw new ConfigError(
        `Refusing to start in production with development secrets: set ${defaults.join(", ")}`,
      );
    }
  }
  const rootDir = process.cwd();
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    mongodbUri: e.MONGODB_URI,
    dataDir: path.resolve(rootDir, e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    sessionSecret: e.SESSION_SECRET,
    dataEncryptionKey: e.DATA_ENCRYPTION_KEY,
    publicUrl: e.PUBLIC_URL,
    seedDemo: e.SEED_DEMO,
    maxBodyBytes: e.MAX_BODY_BYTES,
    rootDir,
  });
}
