/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * A wave's contacts as staff look through them, against the real server:
 * twenty a page with the range said, the next and previous pages, a search by
 * a whole number, a status filter that matches nothing, and the opt-outs on
 * their own.
 */
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ContactList } from "../../client/app/workspace/contacts/ContactList";
import { OptOutList } from "../../client/app/workspace/contacts/OptOutList";
import { makeUser } from "../factories/users";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { importInto, makeSmsWave } from "../distribution/fixtures";
import { serveApp } from "./support/api-fetch";
import { renderScreen, signInPage } from "./support/page";

let t: TestStore;
let target: Awaited<ReturnType<typeof makeSmsWave>>;
/** 25 numbers, 052-000-0100 to 052-000-0124. */
const PHONES = Array.from({ length: 25 }, (_, i) => `05200001${String(i).padStart(2, "0")}`);

beforeAll(async () => {
  t = await startTestStore();
  serveApp(testApp(t));
  target = await makeSmsWave();
  await importInto(
    t.config,
    target.wave,
    PHONES.map((p) => [p]),
  );
  const coordinator = await makeUser("authority-coordinator", {
    authorityId: target.authority._id,
  });
  await signInPage(coordinator.email);
});
afterAll(() => t.close());

const props = () => ({
  slug: target.authority.slug,
  waveId: String(target.wave._id),
  canReveal: false,
  version: 0,
  onChanged: jest.fn(),
});

const count = () => screen.getByTestId("contacts-count").textContent;
const rows = () => screen.getByTestId("contacts-table").querySelectorAll("tbody tr").length;

it("shows twenty contacts a page and moves between pages", async () => {
  renderScreen(<ContactList {...props()} canSend />);
  await waitFor(() => expect(count()).toBe("1–20 of 25 contacts"), { timeout: 10_000 });
  expect(rows()).toBe(20);
  expect(screen.getByText("Page 1 of 2")).toBeTruthy();
  expect(screen.getByTestId("contacts-prev")).toHaveProperty("disabled", true);

  await userEvent.click(screen.getByTestId("contacts-next"));
  await waitFor(() => expect(count()).toBe("21–25 of 25 contacts"), { timeout: 10_000 });
  expect(rows()).toBe(5);
  expect(screen.getByTestId("contacts-next")).toHaveProperty("disabled", true);
  await userEvent.click(screen.getByTestId("contacts-prev"));
  await waitFor(() => expect(count()).toBe("1–20 of 25 contacts"), { timeout: 10_000 });
});

it("finds a contact by its whole number, and says when a filter matches nothing", async () => {
  renderScreen(<ContactList {...props()} canSend />);
  await waitFor(() => expect(count()).toBe("1–20 of 25 contacts"), { timeout: 10_000 });
  await userEvent.type(screen.getByLabelText("Search"), "052-000-0117");
  await userEvent.click(screen.getByTestId("contacts-search-submit"));
  await waitFor(() => expect(count()).toBe("1 contact"), { timeout: 10_000 });
  expect(rows()).toBe(1);
  expect(screen.queryByTestId("contacts-next")).toBeNull();

  await userEvent.clear(screen.getByLabelText("Search"));
  await userEvent.selectOptions(screen.getByTestId("contacts-status-filter"), "opted-out");
  await userEvent.click(screen.getByTestId("contacts-search-submit"));
  await waitFor(() => expect(count()).toBe("No matching contacts."), { timeout: 10_000 });
  expect(screen.queryByTestId("contacts-table")).toBeNull();
});

it("lists the opt-outs on their own", async () => {
  renderScreen(<OptOutList {...props()} />);
  const none = await screen.findByTestId("opt-outs-count", {}, { timeout: 10_000 });
  expect(none.textContent).toBe("No opt-outs in this wave.");
});
