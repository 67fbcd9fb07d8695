/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * A wave's quotas as a researcher sets them on the wave page, against the real
 * server (issue 20): a question chosen by its wording, a target typed per
 * answer, the cells shown with how full they are, and all of them removed
 * after asking.
 */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QuotasPanel } from "../../client/app/workspace/waves/QuotasPanel";
import { QuotaCell } from "../../server/quotas/model";
import { makeUser } from "../factories/users";
import { makeOpenWave } from "../factories/program";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { serveApp } from "./support/api-fetch";
import "./support/dialog";
import { renderScreen, signInPage } from "./support/page";

let t: TestStore;

beforeAll(async () => {
  t = await startTestStore();
  serveApp(testApp(t));
  const researcher = await makeUser("researcher");
  await signInPage(researcher.email);
});
afterAll(() => t.close());

it("sets a target per answer, shows each cell filling, and removes them", async () => {
  const { authority, wave } = await makeOpenWave();
  renderScreen(
    <QuotasPanel base={`/api/authorities/${authority.slug}/waves/${wave._id}`} designer />,
  );
  const panel = await screen.findByTestId("wave-quotas", {}, { timeout: 10_000 });
  expect(within(panel).getByText("This wave has no quotas.")).toBeTruthy();

  await userEvent.selectOptions(within(panel).getByLabelText("Question"), "dem_sex");
  const targets = within(panel).getAllByRole("spinbutton");
  expect(targets.length).toBeGreaterThanOrEqual(2);
  await userEvent.type(targets[0]!, "120");
  await userEvent.click(within(panel).getByRole("button", { name: "Save quotas" }));

  const table = await screen.findByTestId("quota-dem_sex", {}, { timeout: 10_000 });
  expect(within(table).getByText("0 of 120")).toBeTruthy();
  expect(within(table).getByText("Open")).toBeTruthy();
  const cells = await QuotaCell.find({ waveId: wave._id }).lean();
  expect(cells.map((c) => ({ question: c.question, target: c.target }))).toEqual([
    { question: "dem_sex", target: 120 },
  ]);

  // Removing them all is asked first; keeping them changes nothing.
  await userEvent.click(within(panel).getByRole("button", { name: "Remove all quotas" }));
  await userEvent.click(screen.getByRole("button", { name: "Keep the quotas" }));
  expect(await QuotaCell.countDocuments({ waveId: wave._id })).toBe(1);
  await userEvent.click(within(panel).getByRole("button", { name: "Remove all quotas" }));
  await userEvent.click(screen.getByTestId("quotas-remove-dialog-confirm"));
  await waitFor(() => expect(screen.queryByTestId("quota-dem_sex")).toBeNull(), {
    timeout: 10_000,
  });
  expect(await QuotaCell.countDocuments({ waveId: wave._id })).toBe(0);
});

it("shows a reader the quotas without a form, and nothing when there are none", async () => {
  const { authority, wave } = await makeOpenWave();
  const base = `/api/authorities/${authority.slug}/waves/${wave._id}`;
  const view = renderScreen(<QuotasPanel base={base} designer={false} />);
  // Nothing to show: the panel stays away once the quotas have loaded.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(screen.queryByTestId("wave-quotas")).toBeNull();
  view.unmount();
  await QuotaCell.create({
    waveId: wave._id,
    question: "dem_sex",
    value: 1,
    target: 3,
    count: 3,
    remaining: 0,
  });
  await (
    await import("../../server/waves/model")
  ).Wave.updateOne({ _id: wave._id }, { $set: { quotaQuestions: ["dem_sex"] } });
  renderScreen(<QuotasPanel base={base} designer={false} />);
  const table = await screen.findByTestId("quota-dem_sex", {}, { timeout: 10_000 });
  expect(within(table).getByText("3 of 3")).toBeTruthy();
  expect(within(table).getByText("Full: closed")).toBeTruthy();
  expect(screen.queryByRole("button", { name: "Save quotas" })).toBeNull();
});
