/**
 * Test files run in groups, one jest module registry per group (`npm test`;
 * `npm test -- --by-file` runs without them; scripts/test.ts): jest loads the
 * app, mongoose, zod and express afresh for every file it runs, which is most
 * of a short file's time; a group loads them once for all its files. Each file still runs as it does alone, in
 * a describe block named by its path, with its own hooks and its own test store.
 * Files that replace modules or timers (jest.mock, fake timers) would do so for
 * the files after them, and files of another jest environment (a
 * @jest-environment docblock: the component tests' DOM, which one file's
 * rendering would leave to the next) keep a registry and an environment of
 * their own: each runs in a group of its own. Files that keep snapshots run as
 * themselves, outside any group (planRun).
 */
import path from "node:path";

/** A test file as jest lists it, with its source (to read its docblock and mocks). */
export interface TestFile {
  /** Relative to the repository, with forward slashes. */
  path: string;
  source: string;
}

/** Files that run in one module registry, and the environment they all ask for. */
export interface FileGroup {
  /** File name of the group, without directory: `<area>-<n>.test.ts`. */
  name: string;
  /** The @jest-environment the files ask for, or undefined for the configured one. */
  environment?: string;
  files: string[];
  /** The files' seconds in the last timed run, summed (slowest-first ordering). */
  seconds: number;
}

/** What a group may hold: files of one area, up to this many seconds and files. */
export interface GroupLimits {
  maxSeconds: number;
  maxFiles: number;
}

const DEFAULT_LIMITS: GroupLimits = { maxSeconds: 60, maxFiles: 12 };

/** Whether a file changes modules or timers for whatever runs after it in its registry. */
export function runsAlone(source: string): boolean {
  return /\bjest\.(mock|doMock|unstable_mockModule|useFakeTimers|isolateModules|resetModules|spyOn)\(/.test(
    source,
  );
}

/**
 * Whether a file keeps snapshots. Jest files a snapshot under the test file's
 * path and the test's full name; inside a group both would change, and the
 * stored snapshots would not be found.
 */
export function keepsSnapshots(source: string): boolean {
  return /\.(toMatchSnapshot|toMatchInlineSnapshot|toThrowErrorMatchingSnapshot|toThrowErrorMatchingInlineSnapshot)\(/.test(
    source,
  );
}

/** What a grouped run runs: its groups, and the files that run as themselves. */
export interface RunPlan {
  groups: FileGroup[];
  ownFiles: string[];
}

/** Groups `files` (groupTestFiles), leaving out those that keep snapshots, which run as themselves. */
export function planRun(
  files: readonly TestFile[],
  seconds: (file: string) => number,
  limits: GroupLimits = DEFAULT_LIMITS,
): RunPlan {
  return {
    groups: groupTestFiles(
      files.filter((file) => !keepsSnapshots(file.source)),
      seconds,
      limits,
    ),
    ownFiles: files.filter((file) => keepsSnapshots(file.source)).map((file) => file.path),
  };
}

/** The @jest-environment a file's docblock asks for, if any. */
export function environmentOf(source: string): string | undefined {
  const docblock = /^\s*\/\*\*([\s\S]*?)\*\//.exec(source)?.[1] ?? "";
  return /@jest-environment\s+(\S+)/.exec(docblock)?.[1];
}

/**
 * Splits `files` into groups: by area (the folder under test/) and whether a
 * file runs alone, then in order of the files' names into groups of at
 * most `limits` (a file slower than maxSeconds on its own makes a group of one).
 * `seconds` gives each file's time where known; unknown files count `guess`.
 */
export function groupTestFiles(
  files: readonly TestFile[],
  seconds: (file: string) => number,
  limits: GroupLimits = DEFAULT_LIMITS,
): FileGroup[] {
  const buckets = new Map<string, { area: string; environment?: string; files: TestFile[] }>();
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const area = file.path.split("/")[1] ?? "test";
    const environment = environmentOf(file.source);
    const alone = runsAlone(file.source) || environment !== undefined;
    const key = alone ? `alone ${file.path}` : area;
    const bucket = buckets.get(key) ?? { area, environment, files: [] };
    bucket.files.push(file);
    buckets.set(key, bucket);
  }
  const groups: FileGroup[] = [];
  const counts = new Map<string, number>();
  for (const { area, environment, files: members } of buckets.values()) {
    let current: FileGroup | undefined;
    for (const file of members) {
      const s = seconds(file.path);
      if (
        !current ||
        current.files.length >= limits.maxFiles ||
        current.seconds + s > limits.maxSeconds
      ) {
        const n = (counts.get(area) ?? 0) + 1;
        counts.set(area, n);
        current = { name: `${area}-${n}.test.ts`, environment, files: [], seconds: 0 };
        groups.push(current);
      }
      current.files.push(file.path);
      current.seconds += s;
    }
  }
  return groups;
}

/**
 * The source of a group's test file in `dir` (relative to the repository): each
 * member required inside a describe block named by its path, so its hooks and
 * cases belong to it alone and run in the order jest would have run them; the
 * stores a member leaves open are closed after it, as after a file of its own.
 */
export function groupSource(group: FileGroup, dir: string): string {
  const spec = (file: string) => {
    const from = path.posix.relative(dir, file.replace(/\.tsx?$/, ""));
    return JSON.stringify(from.startsWith(".") ? from : `./${from}`);
  };
  const lines = [
    ...(group.environment ? [`/**\n * @jest-environment ${group.environment}\n */`] : []),
    "// Made by scripts/test.ts for one run (test/helpers/file-groups.ts); not kept.",
    `const { closeOpenStores } = require(${spec("test/helpers/open-stores.ts")});`,
  ];
  for (const file of group.files) {
    lines.push(
      `describe(${JSON.stringify(file)}, () => {`,
      `  require(${spec(file)});`,
      `  afterAll(() => closeOpenStores(${JSON.stringify(file)}));`,
      `});`,
    );
  }
  return `${lines.join("\n")}\n`;
}
