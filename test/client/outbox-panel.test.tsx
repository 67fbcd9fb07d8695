/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * A wave's SMS outbox as staff follow it, against the real server: queued
 * invitations with masked numbers, twenty a page with previous and next, the
 * status filter with the count of each status.
 */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { postJson } from "../../client/shared/api";
import { formatsFor } from "../../client/app/workspace/monitoring/format";
import { OutboxPanel } from "../../client/app/workspace/monitoring/OutboxPanel";
import { makeUser } from "../factories/users";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { importInto, makeSmsWave } from "../distribution/fixtures";
import { serveApp } from "./support/api-fetch";
import { renderScreen, signInPage } from "./support/page";

let t: TestStore;
let target: Awaited<ReturnType<typeof makeSmsWave>>;

beforeAll(async () => {
  t = await startTestStore();
  serveApp(testApp(t));
  target = await makeSmsWave();
  await importInto(
    t.config,
    target.wave,
    Array.from({ length: 23 }, (_, i) => [`05200002${String(i).padStart(2, "0")}`]),
  );
  const coordinator = await makeUser("authority-coordinator", {
    authorityId: target.authority._id,
  });
  await signInPage(coordinator.email);
  await postJson(
    `/api/authorities/${target.authority.slug}/waves/${String(target.wave._id)}/invitations/send?lang=en`,
  );
});
afterAll(() => t.close());

function renderPanel() {
  renderScreen(
    <OutboxPanel
      slug={target.authority.slug}
      waveId={String(target.wave._id)}
      paused
      fmt={formatsFor("en")}
      refreshKey={0}
    />,
  );
}

const rows = () => screen.getAllByTestId("outbox-row");

it("lists the queued invitations with masked numbers, twenty a page", async () => {
  renderPanel();
  await screen.findByTestId("outbox-table", {}, { timeout: 10_000 });
  expect(rows()).toHaveLength(20);
  const first = rows()[0]!;
  expect(first.dataset.status).toBe("queued");
  expect(within(first).getByRole("rowheader").textContent).not.toMatch(/\d{7}/);
  expect(first.textContent).toContain("Invitation");
  expect(first.textContent).toContain("Queued");
  expect(screen.getByTestId("outbox-page").textContent).toBe("Page 1 of 2");
  expect(screen.getByTestId("outbox-prev")).toHaveProperty("disabled", true);

  await userEvent.click(screen.getByTestId("outbox-next"));
  await waitFor(() => expect(screen.getByTestId("outbox-page").textContent).toBe("Page 2 of 2"), {
    timeout: 10_000,
  });
  await waitFor(() => expect(rows()).toHaveLength(3), { timeout: 10_000 });
  expect(screen.getByTestId("outbox-next")).toHaveProperty("disabled", true);
});

it("filters by status, with the count of each", async () => {
  renderPanel();
  await screen.findByTestId("outbox-table", {}, { timeout: 10_000 });
  const filter = screen.getByTestId("outbox-status");
  const options = [...filter.querySelectorAll("option")].map((o) => o.textContent);
  expect(options).toContain("All (23)");
  expect(options).toContain("Queued (23)");
  await userEvent.selectOptions(filter, "queued");
  await waitFor(() => expect(rows()).toHaveLength(20), { timeout: 10_000 });
  expect(rows().every((r) => r.dataset.status === "queued")).toBe(true);
});
