/**
 * `npm run bench:login [-- --flood 50 --rounds 10]`: what a flood of logins costs
 * the residents. A resident's sign-up (a store write, fdatasync included) is timed
 * alone, then while `--flood` logins with unknown emails arrive at once (each an
 * scrypt of 32 MiB on libuv's thread pool, which the store's file writes need too);
 * printed as medians and their ratio. Then a wrong password for a known account
 * and a login with an unknown email, one at a time: their ratio shows whether
 * timing tells which emails have accounts (it should be near 1).
 */
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import pino from "pino";
import { createApp } from "../../server/app";
import { User } from "../../server/auth/model";
import { hashPassword } from "../../server/auth/password";
import { benchSmsWave } from "./sms-wave";

const { values } = parseArgs({
  options: { flood: { type: "string", default: "50" }, rounds: { type: "string", default: "10" } },
});
const FLOOD = Number(values.flood);
const ROUNDS = Number(values.rounds);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function main() {
  const { config, store, wave, close } = await benchSmsWave("login", "mixed", new Date(0));
  const app = createApp({
    config: {
      ...config,
      login: { maxFailures: 1_000_000, ipMaxFailures: 1_000_000, lockMinutes: 15 },
      rateLimit: { ipPerMinute: 1_000_000, tokenPerMinute: 1_000_000 },
    },
    logger: pino({ level: "silent" }),
    store,
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = (path: string, body: object) =>
    fetch(`${base}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }).then((r) => r.arrayBuffer().then(() => r.status));
  let n = 0;
  const signUp = () =>
    post(`/api/waves/${wave._id.toHexString()}/signups`, {
      locale: "he",
      interests: ["education"],
      contact: { kind: "phone", value: `050-${String(1_000_000 + n++).slice(-7)}` },
      consent: true,
    });
  const login = (email: string) => post("/api/auth/login", { email, password: "a wrong guess" });

  await signUp(); // warm up
  const alone: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) alone.push(await timed(signUp));

  const flooded: number[] = [];
  const statuses = new Map<number, number>();
  for (let i = 0; i < ROUNDS; i += 1) {
    const flood = Array.from({ length: FLOOD }, (_, j) =>
      login(`nobody-${i}-${j}@bench.test`).then((s) => statuses.set(s, (statuses.get(s) ?? 0) + 1)),
    );
    flooded.push(await timed(signUp));
    await Promise.all(flood);
  }

  await User.create({
    email: "known@bench.test",
    role: "researcher",
    status: "active",
    passwordHash: await hashPassword("the right passphrase"),
  });
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    known.push(await timed(() => login("known@bench.test")));
    unknown.push(await timed(() => login(`nobody-${i}@bench.test`)));
  }

  const ms = (x: number) => `${x.toFixed(0)} ms`;
  console.log(`sign-up alone:                 median ${ms(median(alone))}`);
  console.log(
    `sign-up during ${FLOOD} logins:      median ${ms(median(flooded))}  (ratio ${(median(flooded) / median(alone)).toFixed(1)})`,
  );
  console.log(`  the flood's answers: ${[...statuses].map(([s, c]) => `${c} × ${s}`).join(", ")}`);
  console.log(
    `wrong password, known email:   median ${ms(median(known))}\nunknown email:                 median ${ms(median(unknown))}  (ratio ${(median(unknown) / median(known)).toFixed(2)})`,
  );
  await new Promise((resolve) => server.close(resolve));
  await close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
