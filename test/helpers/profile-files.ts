/**
 * With KP_PROFILE_DIR set, each test file (each group of `npm test`) writes a CPU
 * profile of its worker while it ran: `<dir>/<file>.cpuprofile`, for Chrome's
 * DevTools or `node --cpu-prof`'s readers. The suite's time is mostly CPU on a
 * small machine (its workers keep both cores busy), so where a slow run goes is a
 * question for a profile; `node --cpu-prof` on jest profiles only jest's own
 * process, and its workers are stopped before they write theirs.
 * `KP_PROFILE_DIR=/tmp/prof npm test` (a few percent slower).
 */
import fs from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";

const dir = process.env.KP_PROFILE_DIR;

if (dir) {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))),
    );
  const started = post("Profiler.enable")
    .then(() => post("Profiler.setSamplingInterval", { interval: 1000 }))
    .then(() => post("Profiler.start"));

  afterAll(async () => {
    await started;
    const { profile } = (await post("Profiler.stop")) as { profile: unknown };
    session.disconnect();
    const testPath = expect.getState().testPath ?? "unknown";
    const name = path.relative(process.cwd(), testPath).replace(/[\\/]/g, "__");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
  });
}
