/**
 * Loaded first (node --require) into a platform process and each of its threads by
 * disk-full.test.ts: while the file named by KP_FAULT_DISK_FULL exists, every write
 * to a file under DATA_DIR fails with ENOSPC, as on a full disk, after a first
 * partial write (a full disk often takes part of a buffer before refusing the rest).
 * Other writes (logs, stdout) go through. Deterministic and needs no root, unlike a small tmpfs or a
 * loop device, which a fresh CI machine may not allow.
 */
import fs from "node:fs";
import path from "node:path";

const flag = process.env.KP_FAULT_DISK_FULL;
const dataDir = path.resolve(process.env.DATA_DIR ?? "./data");
const dataFds = new Set<number>();

const underDataDir = (file: unknown) =>
  typeof file === "string" && path.resolve(file).startsWith(dataDir + path.sep);
const full = (fd: number) => flag !== undefined && dataFds.has(fd) && fs.existsSync(flag);

function enospc(): NodeJS.ErrnoException {
  return Object.assign(new Error("ENOSPC: no space left on device, write"), {
    code: "ENOSPC",
    errno: -28,
    syscall: "write",
  });
}

// Patched on the module object, which `import fs from "node:fs"` in the store shares.
// The signatures are Node's many overloads; the patches only look at fd and buffer.
/* eslint-disable @typescript-eslint/no-explicit-any -- see above */
const real = { ...fs };
const patched = fs as any;
patched.openSync = (file: fs.PathLike, ...rest: any[]) => {
  const fd = (real.openSync as any)(file, ...rest) as number;
  if (underDataDir(file)) dataFds.add(fd);
  return fd;
};
patched.open = (file: fs.PathLike, ...rest: any[]) => {
  const callback = rest.pop() as (err: Error | null, fd: number) => void;
  (real.open as any)(file, ...rest, (err: Error | null, fd: number) => {
    if (!err && underDataDir(file)) dataFds.add(fd);
    callback(err, fd);
  });
};
patched.closeSync = (fd: number) => {
  dataFds.delete(fd);
  real.closeSync(fd);
};
patched.close = (fd: number, ...rest: any[]) => {
  dataFds.delete(fd);
  (real.close as any)(fd, ...rest);
};
patched.writeSync = (fd: number, ...rest: any[]) => {
  if (full(fd)) throw enospc();
  return (real.writeSync as any)(fd, ...rest);
};
let partial = true;
patched.write = (fd: number, buffer: unknown, ...rest: any[]) => {
  const callback = rest.pop() as (err: Error | null, written?: number) => void;
  if (!full(fd)) {
    partial = true;
    return (real.write as any)(fd, buffer, ...rest, callback);
  }
  if (partial && Buffer.isBuffer(buffer) && typeof rest[1] === "number" && rest[1] > 1) {
    // The first write while full lands in part; the next one is refused.
    partial = false;
    return (real.write as any)(fd, buffer, rest[0], Math.floor(rest[1] / 2), rest[2], callback);
  }
  process.nextTick(callback, enospc());
};
/* eslint-enable @typescript-eslint/no-explicit-any */
