/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * The new-wave form as a researcher fills it, against the real server: the
 * published instrument versions offered, one button per chosen authority, and
 * a form the server refuses (no authority chosen, no name) shown by its
 * fields with nothing created. (Creating waves and the page that follows are
 * walked in test/browser/ws-waves.test.ts: the form leaves the page.)
 */
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { NewWavePage } from "../../client/app/workspace/waves/NewWavePage";
import { Wave } from "../../server/waves/model";
import { makeOpenWave } from "../factories/program";
import { makeUser } from "../factories/users";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { serveApp } from "./support/api-fetch";
import { renderScreen, signInPage } from "./support/page";

let t: TestStore;

beforeAll(async () => {
  t = await startTestStore();
  serveApp(testApp(t));
  await makeOpenWave(); // an authority, and the core instrument published
  await signInPage((await makeUser("researcher")).email);
});
afterAll(() => t.close());

it("offers the published versions and refuses an empty form by its fields", async () => {
  renderScreen(<NewWavePage />);
  const version = await screen.findByTestId("wave-instrument", {}, { timeout: 10_000 });
  expect(version.querySelectorAll("option").length).toBeGreaterThan(0);
  expect(version.querySelector("option")?.textContent).toMatch(/core v\d+/);
  const before = await Wave.countDocuments();

  await userEvent.click(screen.getByTestId("create-waves"));
  await screen.findByTestId("form-error", {}, { timeout: 10_000 });
  // The authorities and the name each say what is wrong, tied to their fields.
  const authorities = screen.getByRole("group", { name: "Authorities" });
  const tied = (authorities.getAttribute("aria-describedby") ?? "").split(" ");
  const errors = screen.getAllByTestId("field-error");
  expect(errors.map((e) => e.id)).toEqual(expect.arrayContaining([tied.at(-1)]));
  expect(errors.length).toBeGreaterThanOrEqual(2);
  expect(await Wave.countDocuments()).toBe(before);
});
