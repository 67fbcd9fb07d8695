/**
 * Finding 6, "kiosk pairing has no overall attempt cap": pairing codes are eight
 * digits, and each address was limited on its own, so many addresses together
 * could guess at the live codes without end. Every pairing attempt now counts
 * against one program-wide budget per time window, kept in the store so that
 * every app process (WORKERS=N, or several servers) spends the same budget.
 */
import request from "supertest";
import type { Express } from "express";
import { hashToken, newToken } from "../../server/auth/tokens";
import { KioskDevice } from "../../server/kiosk/model";
import { pairingFields } from "../../server/kiosk/pairing";
import {
  PAIRING_ATTEMPTS_PER_WINDOW,
  PAIRING_WINDOW_MS,
  takePairingAttempt,
} from "../../server/kiosk/pairing-cap";
import { makeOpenWave } from "../factories/program";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
// Two app instances over one store: two worker processes as far as the cap can tell.
let apps: [Express, Express];
beforeAll(async () => {
  t = await startTestStore();
  apps = [testApp(t), testApp(t)];
});
afterAll(() => t.close());

async function kioskWithCode(): Promise<string> {
  const { authority, wave } = await makeOpenWave();
  const { code, set } = pairingFields();
  await KioskDevice.create({
    authorityId: authority._id,
    waveId: wave._id,
    label: "lobby",
    tokenHash: hashToken(newToken("kd_")),
    ...set,
  });
  return code;
}

const wrongCode = (code: string, i: number) =>
  String((Number(code) + 1 + i) % 100_000_000).padStart(8, "0");

it("refuses every pairing, from any address and any process, once the window's budget is spent", async () => {
  const code = await kioskWithCode();
  for (let i = 0; i < PAIRING_ATTEMPTS_PER_WINDOW; i++) {
    const res = await request(apps[i % 2]!)
      .post("/api/kiosk/pair")
      .set("X-Forwarded-For", `203.0.113.${i % 250}`)
      .send({ code: wrongCode(code, i) });
    expect(res.status).toBe(404);
  }
  for (const app of apps) {
    const res = await request(app)
      .post("/api/kiosk/pair?lang=en")
      .set("X-Forwarded-For", "198.51.100.7")
      .send({ code: wrongCode(code, 9999) })
      .expect(429);
    expect(res.body.error.code).toBe("TOO_MANY_REQUESTS");
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(res.headers["retry-after"])).toBeLessThanOrEqual(PAIRING_WINDOW_MS / 1000);
  }
  // The right code too: a guesser who spent the budget must not learn which code was right.
  await request(apps[0]).post("/api/kiosk/pair").send({ code }).expect(429);
  const device = await KioskDevice.findOne({ pairingCodeHash: hashToken(`pair:${code}`) }).lean();
  expect(device?.pairedAt).toBeUndefined();
});

it("gives a fresh budget in the next window", async () => {
  const later = new Date(Date.now() + 2 * PAIRING_WINDOW_MS);
  await expect(takePairingAttempt(later)).resolves.toBeUndefined();
});

it("counts attempts made at once exactly", async () => {
  const at = new Date(Date.now() + 10 * PAIRING_WINDOW_MS);
  const results = await Promise.allSettled(
    Array.from({ length: PAIRING_ATTEMPTS_PER_WINDOW + 10 }, () => takePairingAttempt(at)),
  );
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(PAIRING_ATTEMPTS_PER_WINDOW);
});
