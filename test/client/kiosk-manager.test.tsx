/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * An authority's kiosks as a coordinator manages them, against the real
 * server: a tablet is registered and its pairing code shown, the list says it
 * waits to be paired, a new code replaces the first, and revoking asks first
 * and then marks it revoked; a request the server refuses shows its reason.
 */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { KioskManager } from "../../client/app/workspace/contacts/KioskManager";
import { KioskDevice } from "../../server/kiosk/model";
import { makeUser } from "../factories/users";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { makeSmsWave } from "../distribution/fixtures";
import { serveApp } from "./support/api-fetch";
import "./support/dialog";
import { renderScreen, signInPage } from "./support/page";

let t: TestStore;
let target: Awaited<ReturnType<typeof makeSmsWave>>;

beforeAll(async () => {
  t = await startTestStore();
  serveApp(testApp(t));
  target = await makeSmsWave();
  const coordinator = await makeUser("authority-coordinator", {
    authorityId: target.authority._id,
  });
  await signInPage(coordinator.email);
});
afterAll(() => t.close());

/** The code on screen, without the space between its two groups. */
const shownCode = () => screen.getByTestId("pairing-code").textContent!.replace(" ", "");

/** Registers a kiosk through the form and returns its stored id. */
async function register(label: string): Promise<string> {
  await userEvent.type(screen.getByLabelText("Where the kiosk stands"), label);
  await userEvent.selectOptions(screen.getByLabelText("Wave"), String(target.wave._id));
  await userEvent.click(screen.getByRole("button", { name: "Register the kiosk" }));
  await screen.findByTestId("pairing-code", {}, { timeout: 10_000 });
  const device = await KioskDevice.findOne({ authorityId: target.authority._id, label });
  return String(device!._id);
}

it("registers a kiosk, shows its code, gives a new one and revokes it after asking", async () => {
  renderScreen(<KioskManager slug={target.authority.slug} />);
  await screen.findByText("No kiosks in this authority yet.", {}, { timeout: 10_000 });

  const id = await register("Town hall lobby");
  const first = shownCode();
  expect(first).toMatch(/^\d{8}$/);
  const kiosk = await screen.findByTestId(`kiosk-${id}`, {}, { timeout: 10_000 });
  expect(within(kiosk).getByText("SMS wave")).toBeTruthy();
  expect(within(kiosk).getByTestId("kiosk-state").textContent).toBe("Waiting to be paired");
  expect(within(kiosk).getByTestId("kiosk-last-seen").textContent).toBe("Not yet");
  expect(within(kiosk).getByTestId("kiosk-queued").textContent).toBe("Not reported yet");
  // The form is empty again for the next tablet.
  expect((screen.getByLabelText("Where the kiosk stands") as HTMLInputElement).value).toBe("");

  await userEvent.click(
    within(kiosk).getByRole("button", { name: "New pairing code for Town hall lobby" }),
  );
  await waitFor(() => expect(shownCode()).not.toBe(first));

  await userEvent.click(within(kiosk).getByRole("button", { name: "Revoke Town hall lobby" }));
  const dialog = screen.getByTestId("kiosk-revoke-dialog") as HTMLDialogElement;
  expect(dialog.open).toBe(true);
  expect(dialog.textContent).toContain('Revoke the kiosk "Town hall lobby"?');
  expect((await KioskDevice.findById(id))!.revokedAt).toBeFalsy();
  await userEvent.click(within(dialog).getByRole("button", { name: "Revoke the kiosk" }));

  await screen.findByText('The kiosk "Town hall lobby" was revoked.', {}, { timeout: 10_000 });
  await waitFor(() =>
    expect(
      screen.getByTestId(`kiosk-${id}`).querySelector('[data-testid="kiosk-state"]')?.textContent,
    ).toBe("Revoked"),
  );
  expect(dialog.open).toBe(false);
  // Its code is no longer on screen, and a revoked kiosk offers no actions.
  expect(screen.queryByTestId("pairing-code")).toBeNull();
  expect(within(screen.getByTestId(`kiosk-${id}`)).queryByRole("button")).toBeNull();
  expect((await KioskDevice.findById(id))!.revokedAt).toBeInstanceOf(Date);
});

it("shows the server's reason when a kiosk is gone before its new code", async () => {
  renderScreen(<KioskManager slug={target.authority.slug} />);
  const id = await register("Community centre");
  const kiosk = await screen.findByTestId(`kiosk-${id}`, {}, { timeout: 10_000 });
  await KioskDevice.deleteOne({ _id: id });

  await userEvent.click(
    within(kiosk).getByRole("button", { name: "New pairing code for Community centre" }),
  );
  const alert = await screen.findByRole("alert", {}, { timeout: 10_000 });
  expect(alert.textContent).toMatch(/\w/);
  expect(alert.textContent).not.toContain("Something unexpected went wrong");
  expect(alert.textContent).not.toContain("Could not reach the server");
});
