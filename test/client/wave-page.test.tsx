/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * A wave's page as a coordinator uses it, against the real server: settings
 * saved and stored, a value the server refuses shown by its field, and a
 * status change asked in a dialog and then made.
 */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { getJson } from "../../client/shared/api";
import type { SessionInfo } from "../../client/app/session";
import { WavePage } from "../../client/app/workspace/waves/WavePage";
import { Wave } from "../../server/waves/model";
import { makeUser } from "../factories/users";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { makeSmsWave } from "../distribution/fixtures";
import { serveApp } from "./support/api-fetch";
import "./support/dialog";
import { renderScreen, signInPage } from "./support/page";

let t: TestStore;
let session: SessionInfo;
let draft: Awaited<ReturnType<typeof makeSmsWave>>;

beforeAll(async () => {
  t = await startTestStore();
  serveApp(testApp(t));
  draft = await makeSmsWave({ status: "draft" });
  const coordinator = await makeUser("authority-coordinator", {
    authorityId: draft.authority._id,
  });
  await signInPage(coordinator.email);
  session = await getJson<SessionInfo>("/api/auth/session");
});
afterAll(() => t.close());

function renderPage(wave: { _id: unknown }) {
  renderScreen(
    <WavePage slug={draft.authority.slug} waveId={String(wave._id)} session={session} />,
  );
}

const message = () => screen.getByTestId("wave-message").textContent;

it("saves a draft's settings and stores them", async () => {
  renderPage(draft.wave);
  const title = await screen.findByTestId("wave-title", {}, { timeout: 10_000 });
  expect(title.textContent).toBe("SMS wave · Test town");
  const target = screen.getByLabelText("Target completed responses");
  await userEvent.clear(target);
  await userEvent.type(target, "650");
  await userEvent.click(screen.getByTestId("save-wave"));
  await waitFor(() => expect(message()).toBe("Settings saved."), { timeout: 10_000 });
  expect((await Wave.findById(draft.wave._id))!.targetCompletes).toBe(650);
});

it("shows a value the server refuses by its field, and stores nothing", async () => {
  renderPage(draft.wave);
  const target = await screen.findByLabelText(
    "Target completed responses",
    {},
    { timeout: 10_000 },
  );
  await userEvent.clear(target);
  await userEvent.type(target, "100001");
  await userEvent.click(screen.getByTestId("save-wave"));
  await waitFor(() => expect(target.getAttribute("aria-invalid")).toBe("true"), {
    timeout: 10_000,
  });
  expect(screen.getByTestId("wave-message").className).toContain("notice--error");
  expect((await Wave.findById(draft.wave._id))!.targetCompletes).not.toBe(100001);
});

it("pauses an open wave after asking", async () => {
  const { wave } = await makeSmsWave({ authorityId: draft.authority._id });
  renderPage(wave);
  await screen.findByTestId("wave-title", {}, { timeout: 10_000 });
  await userEvent.click(screen.getByRole("button", { name: "Pause" }));
  const dialog = screen.getByTestId("confirm-dialog") as HTMLDialogElement;
  expect(dialog.open).toBe(true);
  expect((await Wave.findById(wave._id))!.status).toBe("open");
  await userEvent.click(within(dialog).getByTestId("confirm-yes"));
  await waitFor(() => expect(message()).toBe("The wave's status is now: Paused."), {
    timeout: 10_000,
  });
  expect(screen.getByTestId("wave-page").dataset.status).toBe("paused");
  expect((await Wave.findById(wave._id))!.status).toBe("paused");
});
