/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * Sending a wave's invitations as a coordinator does, against the real
 * server: the dialog says how many will be queued and shows the SMS in each
 * language, sending queues them and links to monitoring; cancelling sends
 * nothing; a wave that is not open cannot send.
 */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { getJson } from "../../client/shared/api";
import type { WaveView } from "../../client/app/workspace/contacts/api";
import { SendPanel } from "../../client/app/workspace/contacts/SendPanel";
import { SmsMessage } from "../../server/distribution/queue/model";
import { makeUser } from "../factories/users";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { importInto, makeSmsWave } from "../distribution/fixtures";
import { serveApp } from "./support/api-fetch";
import "./support/dialog";
import { renderScreen, signInPage } from "./support/page";

let t: TestStore;
let target: Awaited<ReturnType<typeof makeSmsWave>>;

beforeAll(async () => {
  t = await startTestStore();
  serveApp(testApp(t));
  target = await makeSmsWave();
  await importInto(t.config, target.wave, [["0521234567"], ["0527654321", "ar"]]);
  const coordinator = await makeUser("authority-coordinator", {
    authorityId: target.authority._id,
  });
  await signInPage(coordinator.email);
});
afterAll(() => t.close());

async function renderPanel(status?: WaveView["status"]) {
  const slug = target.authority.slug;
  const waveId = String(target.wave._id);
  const wave = await getJson<WaveView>(`/api/authorities/${slug}/waves/${waveId}?lang=en`);
  const onSent = jest.fn();
  renderScreen(
    <SendPanel
      slug={slug}
      waveId={waveId}
      wave={status ? { ...wave, status } : wave}
      onSent={onSent}
    />,
  );
  return onSent;
}

/** Invitation messages queued for the wave. */
const invitations = () =>
  SmsMessage.countDocuments({ waveId: target.wave._id, kind: "invitation" });

it("cannot send in a wave that is not open", async () => {
  await renderPanel("paused");
  expect(screen.getByTestId("send-invitations")).toHaveProperty("disabled", true);
  expect(
    screen.getByText("Invitations can only be sent in an open wave with the SMS channel on."),
  ).toBeTruthy();
});

it("asks first, showing the count and each language's SMS, and cancelling sends nothing", async () => {
  await renderPanel();
  await userEvent.click(screen.getByRole("button", { name: "Send invitations…" }));
  const dialog = (await screen.findByTestId("send-dialog")) as HTMLDialogElement;
  await waitFor(() => expect(dialog.open).toBe(true), { timeout: 10_000 });
  expect(within(dialog).getByTestId("send-count").textContent).toBe(
    "2 invitations will be queued.",
  );
  const english = within(dialog).getByTestId("send-preview");
  expect(english.querySelector("blockquote")?.getAttribute("lang")).toBe("en");
  await userEvent.click(within(dialog).getByRole("button", { name: "Arabic" }));
  const arabic = within(dialog).getByTestId("send-preview").querySelector("blockquote")!;
  expect(arabic.getAttribute("dir")).toBe("rtl");
  expect(arabic.textContent).toMatch(/[\u0600-\u06FF]/);
  await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
  expect(dialog.open).toBe(false);
  expect(await invitations()).toBe(0);
});

it("queues the invitations and leads to monitoring", async () => {
  const onSent = await renderPanel();
  await userEvent.click(screen.getByRole("button", { name: "Send invitations…" }));
  const dialog = screen.getByTestId("send-dialog") as HTMLDialogElement;
  const confirm = await within(dialog).findByRole(
    "button",
    { name: "Send 2 invitations" },
    { timeout: 10_000 },
  );
  await userEvent.click(confirm);
  const result = await screen.findByTestId("send-result", {}, { timeout: 10_000 });
  expect(result.textContent).toContain("2 invitations queued.");
  expect(within(result).getByTestId("monitoring-link").getAttribute("href")).toContain(
    "/monitoring",
  );
  expect(onSent).toHaveBeenCalled();
  expect(await invitations()).toBe(2);
});
