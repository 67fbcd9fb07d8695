/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * The program's monitoring page against the real server (issue 20: per day and
 * per channel existed only inside each wave): below the waves' table, the
 * waves listed summed per channel, and per day as a table too.
 */
import { screen, waitFor, within } from "@testing-library/react";
import { MonitoringPage } from "../../client/app/workspace/monitoring/MonitoringPage";
import type { SessionInfo } from "../../client/app/session";
import { makeOpenWave } from "../factories/program";
import { makeUser } from "../factories/users";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { addResponses, respondents } from "../results/factory";
import { serveApp } from "./support/api-fetch";
import { renderScreen, signInPage } from "./support/page";

let t: TestStore;

beforeAll(async () => {
  t = await startTestStore();
  serveApp(testApp(t));
  const a = await makeOpenWave({ slug: "across-a" });
  const b = await makeOpenWave({ slug: "across-b" });
  await addResponses(
    a.wave,
    respondents(3, { channel: "sms", submittedAt: new Date("2026-03-02T10:00:00Z") }),
  );
  await addResponses(
    b.wave,
    respondents(2, { channel: "kiosk", submittedAt: new Date("2026-03-03T10:00:00Z") }),
  );
  const researcher = await makeUser("researcher");
  await signInPage(researcher.email);
});
afterAll(() => t.close());

it("sums the waves listed per channel and per day", async () => {
  const session = { user: { role: "researcher", authority: null } } as unknown as SessionInfo;
  renderScreen(<MonitoringPage session={session} />);
  const across = await screen.findByTestId("program-across", {}, { timeout: 10_000 });
  const sms = within(across).getByTestId("channel-sms");
  expect(sms.textContent).toMatch(/^SMS link.*3 \(60% of completes\)$/);
  expect(within(across).getByTestId("channel-kiosk").textContent).toMatch(/2 \(40%/);
  within(across).getByTestId("by-day-toggle").click();
  await waitFor(() => expect(within(across).getByTestId("by-day-table")).toBeTruthy());
  const rows = within(across).getByTestId("by-day-table").querySelectorAll("tbody tr");
  expect(rows).toHaveLength(2);
});
