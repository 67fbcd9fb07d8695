import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

/** A TypeScript entry point of the project running in a child Node process. */
export interface Child {
  process: ChildProcess;
  /** Everything it wrote so far. */
  output(): string;
  /** Kills it with SIGKILL, the way a power cut or the OOM killer would. */
  kill9(): Promise<void>;
}

/**
 * Starts `script` (relative to the repository) with tsx, or with Node alone when
 * it is JavaScript (a build), and resolves once a line of its output matches
 * `ready`, returning the match. `nodeArgs` go to Node itself (e.g. `--cpu-prof`,
 * which NODE_OPTIONS does not take).
 */
export function startChild(
  script: string,
  args: string[],
  env: Record<string, string | undefined>,
  ready: RegExp,
  timeoutMs = 60_000,
  nodeArgs: string[] = [],
): Promise<{ child: Child; match: RegExpMatchArray }> {
  const proc = spawn(
    process.execPath,
    [
      ...nodeArgs,
      ...(script.endsWith(".js") ? [] : ["--import", "tsx"]),
      path.join(ROOT, script),
      ...args,
    ],
    {
      cwd: ROOT,
      env: Object.fromEntries(
        Object.entries({ ...process.env, ...env }).filter(
          (entry): entry is [string, string] => entry[1] !== undefined,
        ),
      ),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const child: Child = {
    process: proc,
    output: () => output,
    kill9: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once("exit", () => resolve());
        proc.kill("SIGKILL");
      }),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void child.kill9();
      reject(new Error(`${script} did not get ready in ${timeoutMs} ms. Output:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match });
      }
    };
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", onData);
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready. Output:\n${output}`));
    });
  });
}

/**
 * Live Node child processes of `pid` (Linux: /proc/<pid>/task/<tid>/children); none
 * off Linux. Other children are left out: tsx starts an esbuild service process
 * whenever its transform cache is cold (a fresh clone), and that one is not ours.
 */
export function childrenOf(pid: number): number[] {
  try {
    const node = fs.realpathSync(process.execPath);
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((tid) => fs.readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").split(" "))
      .filter((s) => s.trim() !== "")
      .map(Number)
      .filter((child) => {
        try {
          return fs.readlinkSync(`/proc/${child}/exe`) === node;
        } catch {
          return false; // exited meanwhile
        }
      });
  } catch {
    return [];
  }
}
