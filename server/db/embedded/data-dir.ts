import fs from "node:fs";
import path from "node:path";

/** Only the account that runs the store may list or enter its data directory. */
export const PRIVATE_DIR_MODE = 0o700;
/** Only the account that runs the store may read or write its files. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates `dir` (0700) or tightens it and every file in it to 0700/0600. A
 * directory made by an older version (0755 with a 0644 journal) let every
 * account on the machine read residents' answers; opening it closes that. A
 * file the store cannot change (another owner) is left as it is: the store will
 * fail on it soon enough with a clearer error.
 */
export function securePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    try {
      fs.chmodSync(path.join(dir, entry.name), PRIVATE_FILE_MODE);
    } catch {
      // Not ours to change; see above.
    }
  }
}

/**
 * Writes `content` to `file` as a private file, whole or not at all: a temporary
 * file made 0600 from its first byte, synced, then renamed over the old one.
 */
export function writePrivateFile(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, "w", PRIVATE_FILE_MODE);
  try {
    fs.fchmodSync(fd, PRIVATE_FILE_MODE); // in case a stale temporary file had other bits
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
