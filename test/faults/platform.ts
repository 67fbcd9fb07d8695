import { answerAll } from "../helpers/answers";
import { builtServer } from "../helpers/built-server";
import { startChild, type Child } from "../helpers/process";

/** The platform (server/main.ts) in a child process, and the demo survey's answers. */
export interface Platform {
  child: Child;
  base: string;
}

/**
 * Starts server/main.ts (this run's build of it, test/helpers/built-server.ts, or
 * the TypeScript through tsx) on the embedded store in `dataDir` (even when MONGODB_URI
 * is set: these tests are about the store's files), demo program seeded, quiet,
 * with rate limits and the open link's challenge out of the way since all the load
 * comes from one address.
 */
export async function startPlatform(
  dataDir: string,
  options: { env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<Platform> {
  const { child, match } = await startChild(
    builtServer() ?? "server/main.ts",
    [],
    {
      DATA_DIR: dataDir,
      PORT: "0",
      HOST: "127.0.0.1",
      NODE_ENV: "development",
      LOG_LEVEL: "silent",
      SEED_DEMO: "auto",
      MONGODB_URI: undefined,
      RATE_LIMIT_IP_PER_MINUTE: "1000000",
      RATE_LIMIT_TOKEN_PER_MINUTE: "1000000",
      // Nor the open link's proof-of-work challenge (server/take/stuffing-guard.ts).
      OPEN_LINK_CHALLENGE_AFTER: "0",
      ...options.env,
    },
    /running on (http:\/\/\S+)/,
    60_000,
    options.nodeArgs ?? [],
  );
  return { child, base: match[1]! };
}

/** A complete, valid set of answers to the demo survey. */
export async function demoAnswers(base: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}/api/take/demo?lang=he`);
  return answerAll(((await res.json()) as { survey: Record<string, unknown> }).survey);
}

/** Submits one response to the demo survey's open link. */
export function submit(
  base: string,
  submissionId: string,
  answers: Record<string, unknown>,
  lang = "he",
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(`${base}/api/take/demo/responses?lang=${lang}`, {
    signal,
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ locale: lang, submissionId, answers }),
  });
}

/** Sends SIGTERM and resolves with the exit code. */
export function terminate(child: Child): Promise<number | null> {
  if (child.process.exitCode !== null) return Promise.resolve(child.process.exitCode);
  const exited = new Promise<number | null>((resolve) => child.process.once("exit", resolve));
  child.process.kill("SIGTERM");
  return exited;
}
