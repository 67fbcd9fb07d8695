/**
 * Issue 16, finding 3: what production finds in a store before it starts. Besides
 * demo accounts and the demo program, a store first started in development (its admin
 * has a password printed to a developer's console, and production's ADMIN_PASSWORD
 * would never reach it) is refused even without a trace of the demo, as it is when
 * reached through MONGODB_URI from a DATA_DIR without the development secrets file.
 */
import { User } from "../../server/auth/model";
import { hashPassword } from "../../server/auth/password";
import { ensureDemoProgram } from "../../server/demo/seed";
import { developmentStoreRefusal } from "../../server/secrets/development-store";
import { recordStoreOrigin } from "../../server/secrets/store-origin";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

const refusal = () => developmentStoreRefusal({ dataDir: t.dataDir, mongodbUri: undefined });

it("lets production start on an empty store, and on one first started in production", async () => {
  expect(await refusal()).toBeUndefined();
  await recordStoreOrigin("production");
  await recordStoreOrigin("development"); // a later start does not rewrite the origin
  expect(await refusal()).toBeUndefined();
});

it("refuses a store first started in development, with no demo in it", async () => {
  await recordStoreOrigin("development");
  await recordStoreOrigin("production");
  expect(await refusal()).toMatch(/first started in development.*new, empty DATA_DIR/);
});

it("refuses a store with the demo program and its accounts", async () => {
  await ensureDemoProgram({ responsesPerWave: 2, demoPassword: "a test demo password" });
  expect(await refusal()).toMatch(/5 demo account\(s\); the demo program/);
});

it("refuses an admin whose password this platform once published", async () => {
  await User.create({
    email: "admin@kehila-pulse.test",
    role: "admin",
    status: "active",
    passwordHash: await hashPassword("dev-admin-password-change-me"),
  });
  expect(await refusal()).toMatch(/published password: admin@kehila-pulse\.test/);
});
