/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * The list of waves as a researcher reads it, against the real server: waves
 * set up together (same name, kind, instrument and opening day) in one group,
 * a row per authority with its links, and waves just created marked and
 * announced.
 */
import { screen, within } from "@testing-library/react";
import { getJson } from "../../client/shared/api";
import type { SessionInfo } from "../../client/app/session";
import { WavesPage } from "../../client/app/workspace/waves/WavesPage";
import { makeSmsWave } from "../distribution/fixtures";
import { makeUser } from "../factories/users";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { serveApp } from "./support/api-fetch";
import { renderScreen, signInPage } from "./support/page";

let t: TestStore;
let session: SessionInfo;
let waves: Awaited<ReturnType<typeof makeSmsWave>>[];

beforeAll(async () => {
  t = await startTestStore();
  serveApp(testApp(t));
  // Two authorities' waves made alike: one group of two.
  waves = [await makeSmsWave(), await makeSmsWave()];
  await signInPage((await makeUser("researcher")).email);
  session = await getJson<SessionInfo>("/api/auth/session");
});
afterAll(() => t.close());

it("groups waves set up together, with a row and links per authority", async () => {
  window.history.pushState({}, "", "/workspace/waves");
  renderScreen(<WavesPage session={session} />);
  const groups = await screen.findAllByTestId("wave-group", {}, { timeout: 10_000 });
  expect(groups).toHaveLength(1);
  const group = groups[0]!;
  expect(within(group).getByRole("heading").textContent).toBe("SMS wave Baseline");
  expect(group.textContent).toContain("2 authorities");
  for (const { authority, wave } of waves) {
    const row = within(group).getByTestId(`wave-row-${authority.slug}`);
    expect(row.dataset.waveId).toBe(String(wave._id));
    expect(within(row).getByRole("rowheader").textContent).toBe("Test town");
    expect(within(row).getByTestId("wave-link").getAttribute("href")).toContain(
      `${authority.slug}/${String(wave._id)}`,
    );
    expect(
      within(row).getByRole("link", { name: "Monitoring of SMS wave, Test town" }),
    ).toBeTruthy();
  }
  expect(screen.getByTestId("new-wave")).toBeTruthy();
  expect(screen.getByTestId("waves-created").textContent).toBe("");
});

it("marks and announces the waves just created", async () => {
  const fresh = String(waves[1]!.wave._id);
  window.history.pushState({}, "", `/workspace/waves?new=${fresh}`);
  renderScreen(<WavesPage session={session} />);
  const announced = await screen.findByText(
    "1 wave was created as a draft; it is marked below.",
    {},
    { timeout: 10_000 },
  );
  expect(document.activeElement).toBe(announced);
  const row = screen.getByTestId(`wave-row-${waves[1]!.authority.slug}`);
  expect(row.className).toBe("wv-new");
  expect(within(row).getByText("New")).toBeTruthy();
  expect(screen.getByTestId(`wave-row-${waves[0]!.authority.slug}`).className).toBe("");
});
