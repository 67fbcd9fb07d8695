import fs from "node:fs";
import path from "node:path";
import { DEV_SECRET_NAMES, generateDevSecrets, type DevSecrets } from "./generated";

/**
 * The file in DATA_DIR holding a development platform's generated secrets. Its name
 * says "development" on purpose: production refuses a data directory that holds it.
 */
export const DEV_SECRETS_FILE = "dev-secrets.json";

/** Whether `dataDir` holds generated development secrets (it was started outside production). */
export function hasDevSecrets(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, DEV_SECRETS_FILE));
}

function parse(file: string, text: string): DevSecrets {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const record = (value ?? {}) as Record<string, unknown>;
  const missing = DEV_SECRET_NAMES.filter(
    (name) => typeof record[name] !== "string" || (record[name] as string).length < 16,
  );
  if (typeof value !== "object" || missing.length > 0) {
    throw new Error(
      `${file} (${DEV_SECRETS_FILE}) is damaged (${missing.join(", ")}): restore it from a backup, or remove it and the data directory to start afresh`,
    );
  }
  return Object.fromEntries(DEV_SECRET_NAMES.map((n) => [n, record[n]])) as unknown as DevSecrets;
}

/**
 * The development secrets of `dataDir`: read from DEV_SECRETS_FILE, or generated and
 * written there (mode 0600, the directory 0700) at first start, so a restart reuses
 * them (contacts still decrypt, links sent still work). Concurrent first starts agree:
 * the file is linked into place only if absent, and the loser reads the winner's.
 */
export function readOrCreateDevSecrets(dataDir: string): DevSecrets {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, DEV_SECRETS_FILE);
  if (!fs.existsSync(file)) {
    const draft = `${file}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(draft, `${JSON.stringify(generateDevSecrets(), null, 2)}\n`, {
      mode: 0o600,
      flag: "wx",
    });
    try {
      fs.linkSync(draft, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  // A file someone made readable to others is put back to owner-only before use.
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  return parse(file, fs.readFileSync(file, "utf8"));
}
