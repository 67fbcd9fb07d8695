/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * Issue 20: analysts export their own authority's de-identified responses if
 * the researcher allows. Against the real server: the researcher's switch on
 * the results page, stored; the analyst's export links offer the responses
 * only once it is on.
 */
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { AnalystResponsesAccess } from "../../client/app/results/AnalystResponsesAccess";
import { ExportLinks } from "../../client/app/results/ExportLinks";
import { AnalystExportAccess } from "../../server/exports/analyst-access";
import { makeOpenWave } from "../factories/program";
import { makeUser } from "../factories/users";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { serveApp } from "./support/api-fetch";
import { renderScreen, signInPage } from "./support/page";

let t: TestStore;

beforeAll(async () => {
  t = await startTestStore();
  serveApp(testApp(t));
});
afterAll(() => t.close());

const responseLinks = () => screen.queryAllByRole("link", { name: /Responses/i });

it("lets the researcher allow the analysts, and only then the analyst sees the responses", async () => {
  const { authority } = await makeOpenWave();
  const analyst = await makeUser("authority-analyst", { authorityId: authority._id });
  await signInPage(analyst.email);
  const before = renderScreen(<ExportLinks slug={authority.slug} responseLevel={false} analyst />);
  await screen.findAllByRole("link", {}, { timeout: 10_000 });
  // Off unless turned on: the results table only.
  await act(() => new Promise((resolve) => setTimeout(resolve, 300)));
  expect(responseLinks()).toHaveLength(0);
  before.unmount();

  const researcher = await makeUser("researcher");
  await signInPage(researcher.email);
  const toggle = renderScreen(<AnalystResponsesAccess slug={authority.slug} />);
  const box = await screen.findByRole("checkbox", {}, { timeout: 10_000 });
  expect((box as HTMLInputElement).checked).toBe(false);
  await userEvent.click(box);
  await waitFor(async () =>
    expect((await AnalystExportAccess.findById(authority._id).lean())?.allowed).toBe(true),
  );
  await waitFor(() => expect((box as HTMLInputElement).checked).toBe(true));
  toggle.unmount();

  await signInPage(analyst.email);
  renderScreen(<ExportLinks slug={authority.slug} responseLevel={false} analyst />);
  await waitFor(() => expect(responseLinks()).toHaveLength(3), { timeout: 10_000 });
  const nav = screen.getByRole("navigation");
  expect(within(nav).queryByRole("link", { name: /codebook/i })).toBeNull();
  expect(responseLinks()[0]!.getAttribute("href")).toContain(`authority=${authority.slug}`);
});
