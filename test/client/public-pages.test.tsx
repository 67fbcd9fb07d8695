/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * The public pages as a resident opens them, against the real server: an
 * authority's transparency page with its approved updates and results held
 * back below the threshold, withdrawing a sign-up (which erases the contact),
 * a withdrawal link that is not valid, and an address that is no page.
 */
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { postJson } from "../../client/shared/api";
import { initI18n } from "../../client/shared/i18n";
import { PublicApp } from "../../client/public/PublicApp";
import { publicResources } from "../../client/public/resources";
import { CommunityUpdate, Signup } from "../../server/participation/model";
import { makeOpenWave } from "../factories/program";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { serveApp } from "./support/api-fetch";

let t: TestStore;

beforeAll(async () => {
  t = await startTestStore();
  serveApp(testApp(t));
});
afterEach(cleanup);
afterAll(() => t.close());

/** Opens the public entry at this address, in English. */
function openAt(pathname: string) {
  window.history.pushState({}, "", pathname);
  const i18n = initI18n(publicResources, "en", ["public", "take", "common"]);
  render(
    <I18nextProvider i18n={i18n}>
      <PublicApp i18n={i18n} initialLocale="en" />
    </I18nextProvider>,
  );
}

it("shows an authority's approved updates and holds back results with too few answers", async () => {
  const { authority } = await makeOpenWave({ status: "closed" });
  await CommunityUpdate.create({
    authorityId: authority._id,
    date: new Date("2026-10-01"),
    text: { he: "שיפצנו את הגינה.", ar: "رمّمنا الحديقة.", en: "We renovated the park." },
    status: "approved",
    createdBy: "test",
  });
  openAt(`/p/${authority.slug}`);

  const page = await screen.findByTestId("transparency", {}, { timeout: 10_000 });
  expect(textOf(page, "h2")).toBe(authority.name.en);
  expect(screen.getByTestId("updates").textContent).toContain("We renovated the park.");
  expect(screen.getByTestId("updates").querySelector("time")?.textContent).toBe("1 October 2026");
  const cards = page.querySelectorAll(".pub-card");
  expect(cards.length).toBeGreaterThan(0);
  for (const card of cards)
    expect(card.textContent).toContain("Not enough answers to show this result.");
  // The title follows the page's data in an effect of its own: waited for, not raced.
  await waitFor(() => expect(document.title).toBe(`${authority.name.en} · Transparency page`));
});

it("withdraws a sign-up, which erases its contact detail", async () => {
  const { wave, authority } = await makeOpenWave();
  const { withdrawPath } = await postJson<{ withdrawPath: string }>(
    `/api/waves/${wave._id.toHexString()}/signups`,
    {
      locale: "en",
      interests: ["education"],
      contact: { kind: "phone", value: "052-765-4321" },
      consent: true,
    },
  );
  openAt(withdrawPath);
  expect(document.title).toBe("Withdraw");
  await userEvent.click(
    screen.getByRole("button", { name: "Withdraw and erase my contact details" }),
  );
  const done = await screen.findByTestId("withdrawn", {}, { timeout: 10_000 });
  expect(done.textContent).toBe("Withdrawn. Your contact details were erased.");
  const stored = (await Signup.findOne({ authorityId: authority._id }).lean())!;
  expect(stored.status).toBe("withdrawn");
  expect(stored.contact?.sealed).toBeUndefined();
});

it("says a withdrawal link is not valid when the server knows no such sign-up", async () => {
  openAt(`/w/${"x".repeat(32)}`);
  await userEvent.click(
    screen.getByRole("button", { name: "Withdraw and erase my contact details" }),
  );
  const alert = await screen.findByRole("alert", {}, { timeout: 10_000 });
  expect(alert.textContent).toBe("This link is not valid, or the sign-up was already withdrawn.");
});

it("says so at an address that is no public page", () => {
  openAt("/p/");
  expect(screen.getByRole("alert").textContent).toBe("Page not found.");
});

/** The text of the first element matching the selector inside the page. */
function textOf(root: HTMLElement, selector: string): string | undefined {
  return root.querySelector(selector)?.textContent ?? undefined;
}
