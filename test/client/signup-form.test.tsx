/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * The resident's sign-up after the survey, against the real server: a filled
 * form is stored and answered with a withdrawal link; a form missing what it
 * needs says so by each field and sends nothing; a wave that closed meanwhile
 * gets the server's translated refusal.
 */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { initI18n } from "../../client/shared/i18n";
import { takeResources } from "../../client/take/resources";
import { SignupForm } from "../../client/take/SignupForm";
import { OutboxMessage } from "../../server/distribution/sms/outbox";
import { Signup } from "../../server/participation/model";
import { Wave } from "../../server/waves/model";
import { makeOpenWave } from "../factories/program";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { serveApp } from "./support/api-fetch";

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
  serveApp(testApp(t));
});
afterAll(() => t.close());

function renderForm(waveId: string) {
  const i18n = initI18n(takeResources, "en", ["take", "common"]);
  render(
    <I18nextProvider i18n={i18n}>
      <SignupForm waveId={waveId} locale="en" channel="open-link" />
    </I18nextProvider>,
  );
}

async function fillIn(phone: string) {
  await userEvent.click(screen.getByRole("checkbox", { name: "Volunteering" }));
  await userEvent.type(screen.getByLabelText(/^Phone number or email address/), phone);
  await userEvent.click(screen.getByRole("checkbox", { name: /I agree that the local authority/ }));
}

it("stores a filled sign-up and shows the withdrawal link", async () => {
  const { wave } = await makeOpenWave();
  renderForm(wave._id.toHexString());
  await fillIn("052-765-4321");
  await userEvent.click(screen.getByRole("button", { name: "Send my details" }));

  const done = await screen.findByTestId("signup-done", {}, { timeout: 10_000 });
  expect(done.textContent).toContain("Thank you!");
  // The link is on the page's own origin, in the page's language.
  const link = done.querySelector("a.signup__withdraw-url")?.getAttribute("href");
  expect(link).toMatch(new RegExp(`^${window.location.origin}/w/[\\w-]+\\?lang=en$`));
  const stored = await Signup.find({ waveId: wave._id }).lean();
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ interests: ["volunteering"], locale: "en" });
});

it("says the link was sent by SMS to the number given", async () => {
  const { wave } = await makeOpenWave();
  renderForm(wave._id.toHexString());
  await fillIn("052-765-4399");
  await userEvent.click(screen.getByRole("button", { name: "Send my details" }));

  const done = await screen.findByTestId("signup-done", {}, { timeout: 10_000 });
  // The number as typed, kept left to right inside any sentence.
  expect(done.textContent).toContain(
    "We also sent this link by SMS to \u2066052\u2011765\u20114399\u2069.",
  );
  expect(await OutboxMessage.countDocuments({ reference: /^signup:/ })).toBeGreaterThan(0);
});

it("says honestly that no email is sent: the page is the only copy", async () => {
  const { wave } = await makeOpenWave();
  renderForm(wave._id.toHexString());
  await userEvent.click(screen.getByRole("checkbox", { name: "Volunteering" }));
  await userEvent.click(screen.getByRole("radio", { name: "Email" }));
  await userEvent.type(
    screen.getByLabelText(/^Phone number or email address/),
    "resident@example.com",
  );
  await userEvent.click(screen.getByRole("checkbox", { name: /I agree that the local authority/ }));
  await userEvent.click(screen.getByRole("button", { name: "Send my details" }));

  const done = await screen.findByTestId("signup-done", {}, { timeout: 10_000 });
  expect(done.textContent).toContain("We do not send email, so this is the only copy of the link");
  expect(done.textContent).not.toContain("by SMS");
});

it("marks each missing part by its field and sends nothing", async () => {
  const { wave } = await makeOpenWave();
  renderForm(wave._id.toHexString());
  await userEvent.click(screen.getByRole("button", { name: "Send my details" }));

  expect(screen.getByText("Choose at least one area.")).toBeTruthy();
  const contact = screen.getByLabelText(/^Phone number or email address/);
  expect(contact.getAttribute("aria-invalid")).toBe("true");
  expect(document.activeElement?.getAttribute("name")).toBe("interest");
  expect(await Signup.countDocuments({ waveId: wave._id })).toBe(0);
});

it("shows the server's refusal when the wave closed meanwhile", async () => {
  const { wave } = await makeOpenWave();
  renderForm(wave._id.toHexString());
  await fillIn("054-111-2233");
  await Wave.updateOne({ _id: wave._id }, { $set: { status: "closed" } });
  await userEvent.click(screen.getByRole("button", { name: "Send my details" }));

  const alert = await screen.findByRole("alert", {}, { timeout: 10_000 });
  expect(alert.textContent).not.toBe("We could not save your details. Please try again.");
  expect(alert.textContent).not.toContain("Something unexpected went wrong");
  expect(alert.textContent).toMatch(/\w/);
  expect(screen.getByTestId("signup-form")).toBeTruthy();
  expect(await Signup.countDocuments({ waveId: wave._id })).toBe(0);
});
