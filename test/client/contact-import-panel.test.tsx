/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * The contacts import as a coordinator uses it, against the real server: a
 * messy file is checked (the report's counts are the server's), imported with
 * its progress followed to the end, and the contacts are stored; a file the
 * server refuses shows its translated reason.
 */
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ImportPanel } from "../../client/app/workspace/contacts/ImportPanel";
import { Contact } from "../../server/distribution/contacts/model";
import { makeUser } from "../factories/users";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { makeSmsWave } from "../distribution/fixtures";
import { MESSY_EXPECTED, messyCsv } from "../distribution/messy";
import { serveApp } from "./support/api-fetch";
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

function renderPanel(onImported = jest.fn()) {
  renderScreen(
    <ImportPanel
      slug={target.authority.slug}
      waveId={String(target.wave._id)}
      onImported={onImported}
    />,
  );
  return onImported;
}

it("checks a messy file, imports its valid rows and follows the import to the end", async () => {
  const onImported = renderPanel();
  const file = new File([messyCsv()], "residents.csv", { type: "text/csv" });
  await userEvent.upload(screen.getByLabelText("Contacts file (CSV or XLSX)"), file);
  await userEvent.click(screen.getByRole("button", { name: "Check the file" }));

  const report = await screen.findByTestId("contacts-report", {}, { timeout: 10_000 });
  expect(report.querySelector('[data-testid="report-total"]')?.textContent).toContain(
    String(MESSY_EXPECTED.total),
  );
  expect(screen.getByTestId("report-valid").textContent).toContain(String(MESSY_EXPECTED.valid));
  const invalidLines = [...screen.getByTestId("report-invalid-rows").querySelectorAll("tbody tr")];
  expect(invalidLines).toHaveLength(MESSY_EXPECTED.invalid.length);
  expect(await Contact.countDocuments({ waveId: target.wave._id })).toBe(0);

  await userEvent.click(screen.getByTestId("contacts-import-confirm"));
  await waitFor(() => expect(screen.getByTestId("contacts-progress").dataset.status).toBe("done"), {
    timeout: 15_000,
  });
  expect(screen.getByTestId("contacts-import-summary").textContent).toContain(
    String(MESSY_EXPECTED.valid),
  );
  expect(onImported).toHaveBeenCalled();
  expect(await Contact.countDocuments({ waveId: target.wave._id })).toBe(MESSY_EXPECTED.valid);
});

it("shows the server's reason for a file it refuses", async () => {
  renderPanel();
  const file = new File(["not,a,contacts\r\nfile,at,all"], "notes.csv", { type: "text/csv" });
  await userEvent.upload(screen.getByLabelText("Contacts file (CSV or XLSX)"), file);
  await userEvent.click(screen.getByRole("button", { name: "Check the file" }));
  const alert = await screen.findByTestId("contacts-import-error", {}, { timeout: 10_000 });
  expect(alert.getAttribute("role")).toBe("alert");
  // The server's own sentence (no phone column), not one of the client's fallbacks.
  expect(alert.textContent).toMatch(/\w/);
  expect(alert.textContent).not.toContain("Something unexpected went wrong");
  expect(alert.textContent).not.toContain("Could not reach the server");
});
