/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * Resident participation as an authority's coordinator runs it, against the
 * real server: a resident's sign-up listed with its contact, its status
 * changed and stored, an update refused without text and then sent for
 * review, where it waits.
 */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { getJson, postJson } from "../../client/shared/api";
import type { SessionInfo } from "../../client/app/session";
import ParticipationPage from "../../client/app/participation/ParticipationPage";
import { CommunityUpdate, Signup } from "../../server/participation/model";
import { makeOpenWave } from "../factories/program";
import { makeUser } from "../factories/users";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { serveApp } from "./support/api-fetch";
import { renderScreen, signInPage } from "./support/page";

let t: TestStore;
let session: SessionInfo;
let target: Awaited<ReturnType<typeof makeOpenWave>>;

beforeAll(async () => {
  t = await startTestStore();
  serveApp(testApp(t));
  target = await makeOpenWave();
  await postJson(`/api/waves/${target.wave._id.toHexString()}/signups`, {
    locale: "en",
    interests: ["education"],
    contact: { kind: "phone", value: "052-765-4321" },
    name: "Salma",
    consent: true,
  });
  const coordinator = await makeUser("authority-coordinator", {
    authorityId: target.authority._id,
  });
  await signInPage(coordinator.email);
  session = await getJson<SessionInfo>("/api/auth/session");
});
afterAll(() => t.close());

function renderPage() {
  renderScreen(<ParticipationPage slug={target.authority.slug} account={null} session={session} />);
}

it("lists a sign-up with its contact and stores a change of its status", async () => {
  renderPage();
  const row = await screen.findByTestId("signup-row", {}, { timeout: 10_000 });
  expect(row.textContent).toContain("Salma");
  expect(row.textContent).toContain("052-765-4321");
  const status = within(row).getByLabelText("Status of Salma's sign-up");
  expect(status).toHaveProperty("value", "new");
  await userEvent.selectOptions(status, "contacted");
  await screen.findByText("Saved.", {}, { timeout: 10_000 });
  await waitFor(async () =>
    expect((await Signup.findOne({ authorityId: target.authority._id }).lean())!.status).toBe(
      "contacted",
    ),
  );
});

it("asks for text before sending an update for review, then lists it as waiting", async () => {
  renderPage();
  await screen.findByText("No updates yet.", {}, { timeout: 10_000 });
  await userEvent.click(screen.getByTestId("submit-update"));
  expect(screen.getByRole("alert").textContent).toBe("Write the update in at least one language.");
  await userEvent.type(screen.getByTestId("update-text-en"), "We lit the school path.");
  await userEvent.click(screen.getByTestId("submit-update"));
  const item = await screen.findByTestId("update-item", {}, { timeout: 10_000 });
  expect(item.textContent).toContain("We lit the school path.");
  expect(item.textContent).toContain("Waiting for review");
  expect((screen.getByTestId("update-text-en") as HTMLTextAreaElement).value).toBe("");
  expect(await CommunityUpdate.countDocuments({ authorityId: target.authority._id })).toBe(1);
});
