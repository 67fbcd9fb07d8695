import fs from "node:fs";
import path from "node:path";
import { readStoreCredential, storeUri } from "./credentials";
import { PRIVATE_FILE_MODE, securePrivateDir } from "./data-dir";

/**
 * The data directory's lock file: one live server per directory, its process
 * id and port written there so another process (a second `npm start`, a
 * script) finds the running server instead of opening the journal twice.
 */

const LOCK_FILE = "mongod.lock";

/** The loopback port of a live embedded server holding `dir`, if there is one. */
export function runningServerPort(dir: string): number | undefined {
  const file = path.join(path.resolve(dir), LOCK_FILE);
  if (!fs.existsSync(file)) return undefined;
  const [pid, port] = fs.readFileSync(file, "utf8").trim().split("\n").map(Number);
  return pid && port && alive(pid) ? port : undefined;
}

/**
 * The connection string, credential included, of a live embedded server
 * holding `dir` (for tools such as the backup), if there is one.
 */
export function runningServerUri(dir: string): string | undefined {
  const port = runningServerPort(dir);
  const credential = port ? readStoreCredential(dir) : undefined;
  return port && credential ? storeUri("127.0.0.1", port, credential) : undefined;
}
const heldHere = new Set<string>();

/** A data directory taken by this process (lockDataDir). */
export interface DataDirLock {
  release(): void;
  /** Writes the server's port beside the process id, for tools that look for it. */
  announce(port: number): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the data directory for this process. Two servers writing one journal
 * would corrupt it, so a directory held by a live process is refused; a lock
 * left by a crashed one is taken over.
 */
export function lockDataDir(dir: string): DataDirLock {
  const resolved = path.resolve(dir);
  securePrivateDir(resolved);
  const file = path.join(resolved, LOCK_FILE);
  if (heldHere.has(resolved))
    throw new Error(`The data directory ${resolved} is already in use by this process.`);
  if (fs.existsSync(file)) {
    const pid = Number(fs.readFileSync(file, "utf8").trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
      throw new Error(
        `The data directory ${resolved} is in use by process ${pid}. Stop it or choose another DATA_DIR.`,
      );
    }
  }
  fs.writeFileSync(file, `${process.pid}\n`, { mode: PRIVATE_FILE_MODE });
  heldHere.add(resolved);
  return {
    release: () => {
      heldHere.delete(resolved);
      fs.rmSync(file, { force: true });
    },
    // The port goes in the lock file, so tools (backup) can reach the server that holds the directory.
    announce: (port) =>
      fs.writeFileSync(file, `${process.pid}\n${port}\n`, { mode: PRIVATE_FILE_MODE }),
  };
}
